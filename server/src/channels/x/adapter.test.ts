import { describe, expect, it } from 'vitest';
import type { ChannelContext } from '../adapter.ts';
import { xAdapter } from './adapter.ts';

const channel: ChannelContext = {
  id: 'ch',
  accountId: 'acc',
  provider: 'x',
  secrets: {},
  settings: { userId: 'BRAND' },
};
const now = new Date('2026-03-02T12:00:00.000Z');

describe('X adapter specifics', () => {
  it('uses settings.userId for echo detection when the delivery has no for_user_id', () => {
    const body = {
      direct_message_events: [
        {
          type: 'message_create',
          id: 'd1',
          created_timestamp: '1772452800000',
          message_create: { target: { recipient_id: 'C' }, sender_id: 'BRAND', message_data: { text: 'hi' } },
        },
      ],
    };
    const [event] = xAdapter.parse(Buffer.from(JSON.stringify(body)), channel);
    expect(event).toMatchObject({ isEcho: true, threadKey: 'C', author: { externalUserId: 'BRAND' } });
  });

  it('falls back to created_at when timestamp_ms is missing', () => {
    const tweet = {
      id_str: 't1',
      text: 'hi',
      created_at: 'Mon Mar 02 11:00:00 +0000 2026',
      user: { id_str: 'C' },
    };
    const [event] = xAdapter.parse(Buffer.from(JSON.stringify({ tweet_create_events: [tweet] })), channel);
    expect(event?.occurredAt).toBe('2026-03-02T11:00:00.000Z');
  });

  it('retries a 429 without rate-limit headers with no fixed delay', () => {
    expect(xAdapter.interpretSend(429, {}, '', now)).toEqual({ kind: 'retry', error: 'HTTP 429 from X' });
  });

  it('waits for the window reset on a 5xx when the window is also exhausted', () => {
    const reset = String(now.getTime() / 1000 + 90);
    const outcome = xAdapter.interpretSend(
      503,
      { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
      '',
      now,
    );
    expect(outcome).toEqual({ kind: 'retry', retryAfterMs: 90_000, error: 'HTTP 503 from X' });
  });

  it('never asks for a negative wait when the reset is already past', () => {
    const reset = String(now.getTime() / 1000 - 5);
    expect(xAdapter.interpretSend(429, { 'x-rate-limit-reset': reset }, '', now)).toMatchObject({
      retryAfterMs: 0,
    });
  });
});
