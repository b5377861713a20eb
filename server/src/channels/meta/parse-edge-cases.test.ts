import { describe, expect, it } from 'vitest';
import type { ChannelContext } from '../adapter.ts';
import { facebookAdapter } from './facebook.ts';
import { instagramAdapter } from './instagram.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { messengerAdapter } from './messenger.ts';
import { whatsappAdapter } from './whatsapp.ts';

const channel = (
  provider: ChannelContext['provider'],
  settings: Record<string, unknown> = {},
): ChannelContext => ({
  id: 'ch',
  accountId: 'acc',
  provider,
  secrets: { accessToken: 't' },
  settings,
});
const raw = (body: unknown) => Buffer.from(JSON.stringify(body));

describe('Meta parsing edge cases', () => {
  it('turns a delivery without mids into a watermark status for the customer', () => {
    const events = messengerAdapter.parse(
      raw({
        object: 'page',
        entry: [
          {
            id: 'P',
            time: 1772452800000,
            messaging: [
              { sender: { id: 'U' }, recipient: { id: 'P' }, delivery: { watermark: 1772452700000 } },
            ],
          },
        ],
      }),
      channel('messenger'),
    );
    expect(events).toEqual([
      {
        kind: 'status',
        eventKey: 'delivered:U:2026-03-02T11:58:20.000Z',
        occurredAt: '2026-03-02T11:58:20.000Z',
        externalId: '',
        status: 'delivered',
        recipientId: 'U',
        watermark: '2026-03-02T11:58:20.000Z',
      },
    ]);
  });

  it('recognises the page’s own comment by the entry id when no pageId is configured', () => {
    const [event] = facebookAdapter.parse(
      raw({
        object: 'page',
        entry: [
          {
            id: 'P',
            time: 1,
            changes: [
              {
                field: 'feed',
                value: {
                  item: 'comment',
                  verb: 'add',
                  comment_id: 'c',
                  post_id: 'P_1',
                  parent_id: 'P_1',
                  from: { id: 'P' },
                  message: 'hi',
                  created_time: 1772452800,
                },
              },
            ],
          },
        ],
      }),
      channel('facebook'),
    );
    expect(event).toMatchObject({ kind: 'message', isEcho: true, threadKey: 'P_1' });
    expect(event && 'replyToExternalId' in event).toBe(false);
  });

  it('keeps a caption mention (no comment id) answerable through /mentions', () => {
    const [event] = instagramAdapter.parse(
      raw({
        object: 'instagram',
        entry: [{ id: 'IG', time: 1772452800, changes: [{ field: 'mentions', value: { media_id: 'M1' } }] }],
      }),
      channel('instagram'),
    );
    expect(event).toMatchObject({ externalId: 'mention:M1', surface: 'mention' });
    const spec = instagramAdapter.buildSend(
      { messageId: 'o', text: 'Thanks!', isPublic: true, replyToExternalId: 'mention:M1' },
      channel('instagram', { igAccountId: 'IG', apiBaseUrl: 'https://g.test/v21.0/' }),
      new Date(),
    );
    expect(spec.url).toBe('https://g.test/v21.0/IG/mentions');
    expect(JSON.parse(spec.body ?? '')).toEqual({ media_id: 'M1', message: 'Thanks!' });
  });

  it('reports a failed WhatsApp status even when Meta sends no error detail', () => {
    const [event] = whatsappAdapter.parse(
      raw({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'W',
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: 'N' },
                  statuses: [{ id: 'wamid.1', status: 'failed', timestamp: '1772452800' }],
                },
              },
            ],
          },
        ],
      }),
      channel('whatsapp'),
    );
    expect(event).toMatchObject({
      kind: 'status',
      status: 'failed',
      error: 'failed without an error from WhatsApp',
    });
  });

  it('defaults to the real Graph API base URL', () => {
    const spec = messengerAdapter.buildSend(
      {
        messageId: 'o',
        text: 'hi',
        isPublic: false,
        recipientExternalId: 'U',
        lastCustomerMessageAt: new Date().toISOString(),
      },
      channel('messenger'),
      new Date(),
    );
    expect(spec.url).toBe('https://graph.facebook.com/v21.0/me/messages');
  });

  it('refuses to build a send without an access token', () => {
    const noToken = { ...channel('facebook'), secrets: {} };
    expect(() =>
      facebookAdapter.buildSend(
        { messageId: 'o', text: 'hi', isPublic: true, replyToExternalId: 'c' },
        noToken,
        new Date(),
      ),
    ).toThrow(/no access token/);
  });

  it('reads Retry-After given as an HTTP date', () => {
    const now = new Date('2026-03-02T12:00:00.000Z');
    const outcome = interpretGraphSend(503, { 'Retry-After': 'Mon, 02 Mar 2026 12:01:00 GMT' }, '', now);
    expect(outcome).toEqual({ kind: 'retry', retryAfterMs: 60_000, error: 'HTTP 503 from Meta' });
  });
});

describe('Meta send edge cases', () => {
  it('sends a WhatsApp template without variables with no components', () => {
    const spec = whatsappAdapter.buildSend(
      {
        messageId: 'o',
        text: '',
        isPublic: false,
        recipientExternalId: '+4477',
        template: { name: 'hello', language: 'en', parameters: [] },
      },
      channel('whatsapp', { phoneNumberId: 'N' }),
      new Date(),
    );
    expect(JSON.parse(spec.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '4477',
      type: 'template',
      template: { name: 'hello', language: { code: 'en' } },
      biz_opaque_callback_data: 'parley:o',
    });
  });
});
