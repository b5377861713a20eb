import { describe, expect, it } from 'vitest';
import type { ChannelContext, OutboundAttachment, OutboundReply } from '../adapter.ts';
import { facebookAdapter } from './facebook.ts';
import { instagramAdapter } from './instagram.ts';
import { whatsappAdapter } from './whatsapp.ts';

const now = new Date('2026-03-02T09:00:00Z');
const file = (mimeType: string, name = 'f'): OutboundAttachment => ({
  id: name,
  name,
  mimeType,
  sizeBytes: 10,
  url: `https://desk.example/files/${name}`,
});
const channel = (provider: ChannelContext['provider']): ChannelContext => ({
  id: 'c1',
  accountId: 'a1',
  provider,
  secrets: { accessToken: 't' },
  settings: { phoneNumberId: '1065', igAccountId: '1784', pageId: '1042' },
});
const reply = (input: Partial<OutboundReply>): OutboundReply => ({
  messageId: 'm1',
  text: '',
  isPublic: false,
  recipientExternalId: 'u1',
  lastCustomerMessageAt: now.toISOString(),
  ...input,
});
const body = (spec: { body?: string }) => JSON.parse(spec.body ?? '{}') as Record<string, unknown>;

describe('Meta sends with files', () => {
  it('Facebook: a comment carries a photo beside its text; other files are refused', () => {
    const fb = channel('facebook');
    const sent = facebookAdapter.buildSend(
      reply({ isPublic: true, replyToExternalId: 'post_1', text: 'Here', attachments: [file('image/png')] }),
      fb,
      now,
    );
    expect(sent.url).toMatch(/\/post_1\/comments$/);
    expect(body(sent)).toEqual({ message: 'Here', attachment_url: 'https://desk.example/files/f' });
    expect(() =>
      facebookAdapter.buildSend(
        reply({ isPublic: true, replyToExternalId: 'post_1', attachments: [file('application/pdf')] }),
        fb,
        now,
      ),
    ).toThrow('can carry a photo');
  });

  it('Instagram: files only by DM, and not documents', () => {
    const ig = channel('instagram');
    expect(() =>
      instagramAdapter.buildSend(
        reply({ isPublic: true, replyToExternalId: 'c_1', attachments: [file('image/png')] }),
        ig,
        now,
      ),
    ).toThrow('send them by DM');
    expect(() =>
      instagramAdapter.buildSend(reply({ attachments: [file('application/pdf')] }), ig, now),
    ).toThrow('cannot send application/pdf');
    expect(
      body(instagramAdapter.buildSend(reply({ attachments: [file('video/mp4')] }), ig, now)),
    ).toMatchObject({
      message: { attachment: { type: 'video', payload: { url: 'https://desk.example/files/f' } } },
    });
  });

  it('WhatsApp: one file per message; audio has no caption; a webp goes as a document', () => {
    const wa = channel('whatsapp');
    expect(() =>
      whatsappAdapter.buildSend(
        reply({ attachments: [file('image/png', 'a'), file('image/png', 'b')] }),
        wa,
        now,
      ),
    ).toThrow('one file per message');
    expect(() =>
      whatsappAdapter.buildSend(reply({ text: 'listen', attachments: [file('audio/ogg')] }), wa, now),
    ).toThrow('no caption');
    expect(
      body(whatsappAdapter.buildSend(reply({ attachments: [file('image/webp', 'w.webp')] }), wa, now)),
    ).toMatchObject({
      type: 'document',
      document: { link: 'https://desk.example/files/w.webp', filename: 'w.webp' },
    });
  });

  it('WhatsApp: a file outside the 24-hour window is refused like text', () => {
    const old = new Date(now.getTime() - 30 * 3_600_000).toISOString();
    expect(() =>
      whatsappAdapter.buildSend(
        reply({ lastCustomerMessageAt: old, attachments: [file('image/png')] }),
        channel('whatsapp'),
        now,
      ),
    ).toThrow('24 hours');
  });
});
