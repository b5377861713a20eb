import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneInboundEvents } from '../channels/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

describe.each(testEngines())('API channel webhooks on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { env: { WEBHOOK_BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const list = async (cookie: string, query = '') => {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations${query}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string; snippet: string; messageCount: number; status: string }[] };
  };
  const countStored = async (channelId: string) => {
    const row = await server.runtime.ctx.db.kysely
      .selectFrom('inbound_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('a signed message becomes a conversation in the list', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const res = await postWebhook(server, channel, apiMessage({ text: 'Where is my parcel?' }));
    expect(res.statusCode).toBe(200);
    await drainInbound(server);
    const { items } = await list(cookie);
    expect(items).toHaveLength(1);
    expect(items[0]?.snippet).toBe('Where is my parcel?');
    expect(items[0]?.status).toBe('new');
  });

  it('the same delivery ten times gives one message', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const body = apiMessage({ text: 'Delivered ten times' });
    for (let i = 0; i < 10; i++) expect((await postWebhook(server, channel, body)).statusCode).toBe(200);
    // A different body repeating the same message id (platform retry with a new envelope) too.
    await postWebhook(server, channel, { ...body, id: 'another-envelope' });
    await drainInbound(server);
    const { items } = await list(cookie);
    expect(items).toHaveLength(1);
    expect(items[0]?.messageCount).toBe(1);
  });

  it('refuses a wrong or missing signature and stores nothing', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const wrong = await postWebhook(server, channel, apiMessage({}), 'not-the-secret');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    const missing = await server.app.inject({
      method: 'POST',
      url: `/webhooks/api/${channel.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(apiMessage({})),
    });
    expect(missing.statusCode).toBe(401);
    expect(await countStored(channel.id)).toBe(0);
  });

  it('answers 400 to malformed JSON, 413 to an oversized body, 404 to an unknown channel', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    expect((await postWebhook(server, channel, '{"type": "message",')).statusCode).toBe(400);
    const big = JSON.stringify(apiMessage({ text: 'x'.repeat(5000) }));
    expect((await postWebhook(server, channel, big)).statusCode).toBe(413);
    const unknown = await postWebhook(
      server,
      { id: '00000000-0000-4000-8000-000000000000', secret: 'x' },
      apiMessage({}),
    );
    expect(unknown.statusCode).toBe(404);
    const otherProvider = await server.app.inject({
      method: 'POST',
      url: `/webhooks/x/${channel.id}`,
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(otherProvider.statusCode).toBe(404);
    expect(await countStored(channel.id)).toBe(0);
  });

  it('prunes processed deliveries past retention, keeps parked and pending ones, and a pruned one redelivered adds nothing', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const old = apiMessage({ authorId: 'kept-1', text: 'A month ago' });
    await postWebhook(server, channel, old);
    await postWebhook(server, channel, {
      type: 'message',
      author: { id: 'bad' },
      message: { text: 'no id' },
    });
    await drainInbound(server);
    await postWebhook(server, channel, apiMessage({ authorId: 'kept-2', text: 'Not processed yet' }));
    const db = server.runtime.ctx.db.kysely;
    const monthAgo = new Date(Date.now() - 40 * 86_400_000);
    await db
      .updateTable('inbound_events')
      .set({ processed_at: monthAgo })
      .where('channel_id', '=', channel.id)
      .where('status', 'in', ['done', 'dead'])
      .execute();

    expect(
      await pruneInboundEvents(server.runtime.ctx.db, new Date(Date.now() - 30 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);
    const left = await db
      .selectFrom('inbound_events')
      .select('status')
      .where('channel_id', '=', channel.id)
      .orderBy('status')
      .execute();
    expect(left.map((r) => r.status)).toEqual(['dead', 'pending']);

    // The platform delivers the pruned one again: stored, processed, but no second message.
    expect((await postWebhook(server, channel, old)).statusCode).toBe(200);
    await drainInbound(server);
    const { items } = await list(cookie);
    expect(items.map((c) => [c.snippet, c.messageCount]).sort()).toEqual([
      ['A month ago', 1],
      ['Not processed yet', 1],
    ]);
  });

  it('messages stamped with the same second keep the order they arrived in, even in one batch', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const at = '2026-05-04T10:00:00Z';
    const texts = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];
    for (const text of texts)
      await postWebhook(server, channel, apiMessage({ authorId: 'same-second', text, occurredAt: at }));
    await drainInbound(server); // one batch, one transaction
    const [conversation] = (await list(cookie)).items;
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation?.id}`,
      headers: { cookie },
    });
    expect((res.json() as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(texts);
  });

  it('parks a delivery that fails the schema, lists it, and replays it', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const bad = { type: 'message', author: { id: 'c1' }, message: { text: 'no id' } };
    expect((await postWebhook(server, channel, bad)).statusCode).toBe(200);
    await drainInbound(server);
    const dead = await server.app.inject({
      method: 'GET',
      url: '/api/v1/inbound-events/dead',
      headers: { cookie },
    });
    const items = (dead.json() as { items: { id: string; error: string }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.error).toMatch(/message\/id|schema/);
    const replay = await server.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-events/${items[0]?.id}/replay`,
      headers: { cookie },
    });
    expect(replay.statusCode).toBe(200);
    await drainInbound(server);
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/v1/inbound-events/dead',
      headers: { cookie },
    });
    // Still invalid, so it is parked again — but it was processed again, not lost.
    expect((again.json() as { items: unknown[] }).items).toHaveLength(1);
    expect((await list(cookie)).items).toHaveLength(0);
  });

  it('a delivery that fails while being stored is retried alone; its neighbours in the batch are stored', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    // A trigger stands in for any storage failure (a constraint, a bug) on one message.
    await server.runtime.ctx.db.exec(`
      CREATE OR REPLACE FUNCTION refuse_explode() RETURNS trigger AS $$
      BEGIN IF NEW.text = 'explode' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      DROP TRIGGER IF EXISTS refuse_explode ON messages;
      CREATE TRIGGER refuse_explode BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_explode();`);
    try {
      await postWebhook(server, channel, apiMessage({ authorId: 'n1', text: 'before' }));
      await postWebhook(server, channel, apiMessage({ authorId: 'n2', text: 'explode' }));
      await postWebhook(server, channel, apiMessage({ authorId: 'n3', text: 'after' }));
      await drainInbound(server);
      const snippets = (await list(cookie)).items.map((c) => c.snippet).sort();
      expect(snippets).toEqual(['after', 'before']);
      const failed = await server.runtime.ctx.db.kysely
        .selectFrom('inbound_events')
        .select(['status', 'attempts', 'last_error'])
        .where('channel_id', '=', channel.id)
        .where('status', '!=', 'done')
        .execute();
      expect(failed).toEqual([
        { status: 'pending', attempts: 1, last_error: expect.stringContaining('refused by test trigger') },
      ]);
    } finally {
      await server.runtime.ctx.db.exec('DROP TRIGGER IF EXISTS refuse_explode ON messages');
    }
  });
});
