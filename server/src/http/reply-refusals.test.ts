import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  messengerText,
  metaSignatureHeaders,
  xSignatureHeaders,
  xTweet,
} from '../channels/fixtures/wire-builders.ts';
import { testEngines } from '../db/testing.ts';
import { drainInbound, manualClock, seedAccount, startTestServer, type TestServer } from './testing.ts';

// A reply the platform would refuse (too long for X, outside Messenger's 7-day window) is refused
// when the agent sends it, with the reason, and nothing is stored or queued.

const DAY_MS = 86_400_000;

describe.each(testEngines())('replies the platform would refuse, on %s', (engine) => {
  const clock = manualClock(new Date('2026-05-04T10:00:00Z'));
  let server: TestServer;
  beforeAll(async () => {
    // Sessions outlive the days the clock jumps.
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function channel(cookie: string, payload: Record<string, unknown>) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload,
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  }

  async function onlyConversation(cookie: string) {
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const items = (list.json() as { items: { id: string }[] }).items;
    expect(items).toHaveLength(1);
    return items[0]!.id;
  }

  const reply = (cookie: string, conversationId: string, text: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/replies`,
      headers: { cookie },
      payload: { text },
    });

  async function storedReplies(conversationId: string) {
    const db = server.runtime.ctx.db.kysely;
    const messages = await db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'out')
      .execute();
    const queued = await db
      .selectFrom('outbox')
      .select('id')
      .where('message_id', 'in', messages.map((m) => m.id).concat('00000000-0000-4000-8000-000000000000'))
      .execute();
    return { messages: messages.length, queued: queued.length };
  }

  it('refuses a Messenger reply past the 7-day window and keeps one inside the human-agent window', async () => {
    const { cookie } = await seedAccount(server);
    const page = `page-${engine}`;
    const channelId = await channel(cookie, {
      provider: 'messenger',
      name: 'Page inbox',
      settings: { pageId: page },
      secrets: { signingSecret: 'app-secret', verifyToken: 'v', accessToken: 'page-token' },
    });
    const raw = JSON.stringify(
      messengerText({
        accountId: page,
        customerId: 'psid-1',
        mid: `m-${engine}`,
        text: 'Refund?',
        at: clock(),
      }),
    );
    const posted = await server.app.inject({
      method: 'POST',
      url: `/webhooks/messenger/${channelId}`,
      headers: metaSignatureHeaders(raw, 'app-secret'),
      payload: raw,
    });
    expect(posted.statusCode).toBe(200);
    await drainInbound(server);
    const conversationId = await onlyConversation(cookie);

    clock.advance(3 * DAY_MS);
    expect((await reply(cookie, conversationId, 'Sorry for the wait, refund done.')).statusCode).toBe(201);

    clock.advance(5 * DAY_MS); // 8 days after the customer's message
    const late = await reply(cookie, conversationId, 'Anything else?');
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      error: { code: 'reply_refused', details: { code: 'window_closed' } },
    });
    expect(await storedReplies(conversationId)).toEqual({ messages: 1, queued: 1 });
  });

  it('refuses an X reply over 280 characters before storing it', async () => {
    const { cookie } = await seedAccount(server);
    const brand = `15000000000000${engine === 'pglite' ? '01' : '02'}`;
    const channelId = await channel(cookie, {
      provider: 'x',
      name: 'X brand',
      settings: { userId: brand },
      secrets: { signingSecret: 'x-secret', accessToken: 'x-token' },
    });
    const raw = JSON.stringify(
      xTweet({
        forUserId: brand,
        id: `17000000000000${engine === 'pglite' ? '01' : '02'}`,
        text: '@brand my order never came',
        at: clock(),
        user: { id: '42', screenName: 'ann' },
      }),
    );
    const posted = await server.app.inject({
      method: 'POST',
      url: `/webhooks/x/${channelId}`,
      headers: { ...xSignatureHeaders(raw, 'x-secret'), 'content-type': 'application/json' },
      payload: raw,
    });
    expect(posted.statusCode).toBe(200);
    await drainInbound(server);
    const conversationId = await onlyConversation(cookie);

    const long = await reply(cookie, conversationId, `@ann ${'so sorry '.repeat(40)}`);
    expect(long.statusCode).toBe(422);
    expect(long.json()).toMatchObject({ error: { code: 'reply_refused', details: { code: 'too_long' } } });
    expect(await storedReplies(conversationId)).toEqual({ messages: 0, queued: 0 });
    expect((await reply(cookie, conversationId, '@ann So sorry, DM us your order number?')).statusCode).toBe(
      201,
    );
  });
});
