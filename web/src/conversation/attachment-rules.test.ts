import { describe, expect, it } from 'vitest';
import {
  attachmentProblem,
  attachmentSupport,
  attachmentViews,
  formatSize,
  safeHref,
} from './attachment-rules.ts';

describe('attachmentSupport', () => {
  it('turns attachments off, with the reason, where the channel takes none', () => {
    expect(attachmentSupport('x', true)).toMatchObject({
      isSupported: false,
      note: expect.stringContaining('X'),
    });
    expect(attachmentSupport('instagram', true).isSupported).toBe(false);
    expect(attachmentSupport('webchat', false).isSupported).toBe(false);
  });

  it('knows one file per Meta message, and where text cannot go with it', () => {
    expect(attachmentSupport('messenger', false)).toMatchObject({
      isSupported: true,
      maxFiles: 1,
      allowsText: false,
    });
    expect(attachmentSupport('whatsapp', false)).toMatchObject({ maxFiles: 1, allowsText: true });
    expect(attachmentSupport('facebook', true)).toMatchObject({ maxFiles: 1, allowsText: true });
    expect(attachmentSupport('email', false)).toMatchObject({ maxFiles: 10, note: null });
  });
});

describe('attachmentProblem', () => {
  const png = { mimeType: 'image/png' };
  const pdf = { mimeType: 'application/pdf' };
  const ogg = { mimeType: 'audio/ogg' };

  it('blocks what the adapter would refuse, before sending', () => {
    expect(attachmentProblem('messenger', false, 'Here', [png])).toContain('without text');
    expect(attachmentProblem('messenger', false, '', [png])).toBeNull();
    expect(attachmentProblem('messenger', false, '', [png, png])).toBe('Attach at most 1 file here.');
    expect(attachmentProblem('facebook', true, 'Look', [pdf])).toContain('photo');
    expect(attachmentProblem('facebook', true, 'Look', [png])).toBeNull();
    expect(attachmentProblem('instagram', false, '', [pdf])).toContain('not documents');
    expect(attachmentProblem('whatsapp', false, 'Listen', [ogg])).toContain('no caption');
    expect(attachmentProblem('whatsapp', false, 'x'.repeat(1025), [png])).toContain('1,024');
    expect(attachmentProblem('whatsapp', false, 'Your invoice', [pdf])).toBeNull();
    expect(attachmentProblem('email', false, 'Both', [pdf, png])).toBeNull();
  });

  it("blocks a file over the platform's own size limit for its kind", () => {
    const photo = { mimeType: 'image/png', name: 'shelf.png', sizeBytes: 6 * 1024 * 1024 };
    expect(attachmentProblem('whatsapp', false, '', [photo])).toBe(
      'shelf.png is 6.0 MB; this channel takes images up to 5.0 MB.',
    );
    expect(attachmentProblem('messenger', false, '', [photo])).toBeNull(); // 8 MB there
    expect(attachmentProblem('whatsapp', false, '', [{ ...photo, mimeType: 'application/pdf' }])).toBeNull();
    expect(attachmentProblem('email', false, '', [{ ...photo, sizeBytes: 60 * 1024 * 1024 }])).toBeNull();
    expect(attachmentProblem('x', false, 'hi', [])).toBeNull();
  });
});

describe('attachmentViews', () => {
  it('shows our uploads with size and platform files by their link', () => {
    const views = attachmentViews([
      {
        kind: 'image',
        attachmentId: 'a1',
        name: 'label.png',
        sizeBytes: 2048,
        url: '/api/v1/attachments/a1/content',
      },
      { kind: 'file', name: 'receipt.pdf', mimeType: 'application/pdf' },
      { kind: 'image', url: 'https://scontent.example/x.jpg' },
    ]);
    expect(views).toEqual([
      {
        key: 'a1',
        name: 'label.png',
        isImage: true,
        href: '/api/v1/attachments/a1/content',
        sizeLabel: '2 KB',
        kindLabel: 'image',
      },
      {
        key: '1:receipt.pdf',
        name: 'receipt.pdf',
        isImage: false,
        href: null,
        sizeLabel: null,
        kindLabel: 'file',
      },
      {
        key: '2:https://scontent.example/x.jpg',
        name: 'image attachment',
        isImage: true,
        href: 'https://scontent.example/x.jpg',
        sizeLabel: null,
        kindLabel: 'image',
      },
    ]);
  });

  it('never links a script or data URL, and maps a shared location', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:image/png;base64,AAAA')).toBeNull();
    const [image, location] = attachmentViews([
      { kind: 'image', url: 'javascript:alert(1)' },
      { kind: 'location', latitude: 51.5, longitude: -0.12 },
    ]);
    expect(image).toMatchObject({ isImage: false, href: null });
    expect(location).toMatchObject({
      name: 'Shared location',
      href: expect.stringContaining('mlat=51.5&mlon=-0.12'),
    });
  });

  it('formats sizes for people', () => {
    expect(formatSize(500)).toBe('500 B');
    expect(formatSize(10 * 1024 * 1024)).toBe('10.0 MB');
  });
});
