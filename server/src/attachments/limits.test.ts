import { describe, expect, it } from 'vitest';
import { AttachmentUrlSigner } from '../channels/index.ts';
import { contentMatchesType, formatBytes, isAllowedType, normaliseMimeType, safeFileName } from './limits.ts';

describe('upload checks', () => {
  it('reads the type from Content-Type and matches families', () => {
    expect(normaliseMimeType('Image/PNG; charset=binary')).toBe('image/png');
    expect(normaliseMimeType('nonsense')).toBe('');
    expect(isAllowedType('image/png', ['image/*'])).toBe(true);
    expect(isAllowedType('imagex/png', ['image/*'])).toBe(false);
    expect(isAllowedType('application/pdf', ['image/png'])).toBe(false);
  });

  it('knows the bytes of the formats a browser or platform renders', () => {
    expect(contentMatchesType('image/png', Buffer.from('89504e470d0a1a0a00', 'hex'))).toBe(true);
    expect(contentMatchesType('image/png', Buffer.from('%PDF-1.4'))).toBe(false);
    expect(contentMatchesType('image/jpeg', Buffer.from('ffd8ffe0', 'hex'))).toBe(true);
    expect(contentMatchesType('application/pdf', Buffer.from('%PDF-1.4'))).toBe(true);
    expect(contentMatchesType('text/csv', Buffer.from('a,b'))).toBe(true);
  });

  it('keeps only a plain file name', () => {
    expect(safeFileName('C:\\Users\\ann\\label.png')).toBe('label.png');
    expect(safeFileName('../x\u0000"y".pdf')).toBe('xy.pdf');
    expect(safeFileName('')).toBe('attachment');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('signed file URLs', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const signer = new AttachmentUrlSigner('k'.repeat(40), 'https://desk.example.com/', 60_000);
  const parse = (url: string) => {
    const parsed = new URL(url);
    return {
      id: parsed.pathname.split('/')[2]!,
      expires: Number(parsed.searchParams.get('expires')),
      signature: parsed.searchParams.get('signature') ?? '',
    };
  };

  it('holds for its id until it expires, and for nothing else', () => {
    const url = signer.urlFor({ id: 'f1', name: 'a b.png' }, now);
    expect(url).toMatch(
      /^https:\/\/desk\.example\.com\/files\/f1\/a%20b\.png\?expires=\d+&signature=[0-9a-f]{64}$/,
    );
    const ref = parse(url);
    expect(signer.isValid(ref, now)).toBe(true);
    expect(signer.isValid({ ...ref, id: 'f2' }, now)).toBe(false);
    expect(signer.isValid({ ...ref, expires: ref.expires + 60 }, now)).toBe(false);
    expect(signer.isValid(ref, new Date(now.getTime() + 61_000))).toBe(false);
    const other = new AttachmentUrlSigner('j'.repeat(40), 'https://desk.example.com', 60_000);
    expect(other.isValid(ref, now)).toBe(false);
  });
});
