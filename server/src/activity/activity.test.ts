import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { ActivityConsumer } from './consumer.ts';
import type { Activity } from './types.ts';

describe.each(testEngines())('conversation activity on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };

  async function conversationOf(cookie: string, authorId: string, text: string) {
    const channel = await createApiChannel(server, cookie);
    await postWebhook(server, channel, apiMessage({ authorId, text, occurredAt: clock().toISOString() }));
    await drainInbound(server);
    const list = (await call(cookie, 'GET', '/conversations')).body.items as { id: string }[];
    return { channel, id: list[0]!.id };
  }

  it('records what happened, in order, with who did it', async () => {
    const { accountId, cookie, userId } = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const { channel, id } = await conversationOf(cookie, 'cust-1', 'My parcel is lost');
    clock.advance(60_000);
    expect(
      (await call(cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: agent.userId })).status,
    ).toBe(200);
    expect(
      (await call(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'Sorry!' })).status,
    ).toBe(201);
    await call(agent.cookie, 'POST', `/conversations/${id}/notes`, { text: 'Called the courier' });
    await call(agent.cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' });
    // The same status again changes nothing, so records nothing.
    await call(agent.cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' });
    clock.advance(3_600_000);
    await postWebhook(server, channel, apiMessage({ authorId: 'cust-1', text: 'Still not here' }));
    await drainInbound(server);

    const { body } = await call(cookie, 'GET', `/conversations/${id}/activity`);
    const activity = body.activity as {
      kind: string;
      actorUserId: string | null;
      data: Record<string, unknown>;
    }[];
    expect(activity.map((a) => a.kind)).toEqual([
      'conversation.created',
      'message.received',
      'conversation.assigned',
      'reply.sent',
      'note.added',
      'conversation.status_changed',
      'conversation.reopened',
      'message.received',
    ]);
    expect(activity[0]!.data).toMatchObject({ provider: 'api', isPublic: expect.any(Boolean), isCase: true });
    expect(activity[1]!.data).toMatchObject({ previousStatus: null, sentiment: expect.any(String) });
    expect(activity[2]).toMatchObject({ actorUserId: userId, data: { from: null, to: agent.userId } });
    expect(activity[3]).toMatchObject({ actorUserId: agent.userId, data: { isFirstResponse: true } });
    expect(activity[5]!.data).toEqual({ from: 'open', to: 'resolved' });
    expect(activity[7]!.data).toMatchObject({ previousStatus: 'resolved' });
  });

  it("never shows another account's activity", async () => {
    const a = await seedAccount(server);
    const b = await seedAccount(server);
    const { id } = await conversationOf(a.cookie, 'cust-x', 'Hello');
    expect((await call(b.cookie, 'GET', `/conversations/${id}/activity`)).status).toBe(404);
    expect((await call(a.cookie, 'GET', `/conversations/${id}/activity`)).status).toBe(200);
  });

  it('a consumer sees every row once, in order, and survives a failing row', async () => {
    const { cookie } = await seedAccount(server);
    const { id } = await conversationOf(cookie, 'cust-c', 'Refund please');
    const seen: Activity[] = [];
    const errors: unknown[] = [];
    const name = `test-${Math.random().toString(36).slice(2)}`;
    const make = (failOn?: string) =>
      new ActivityConsumer({
        db: server.runtime.ctx.db,
        name,
        batchSize: 3,
        onError: (error) => errors.push(error),
        handle: async (_trx, rows) => {
          for (const row of rows) if (row.kind === failOn) throw new Error('handler failed');
          seen.push(...rows);
        },
      });
    await make().drain();
    const ours = () => seen.filter((a) => a.conversationId === id).map((a) => a.kind);
    expect(ours()).toEqual(['conversation.created', 'message.received']);
    const ids = seen.map((a) => a.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    // A restarted consumer resumes from its cursor: nothing twice.
    await make().drain();
    expect(ours()).toEqual(['conversation.created', 'message.received']);
    // A row whose handler throws is reported and skipped; the rows after it are still handled.
    await call(cookie, 'POST', `/conversations/${id}/notes`, { text: 'n' });
    await call(cookie, 'POST', `/conversations/${id}/status`, { status: 'pending' });
    await make('note.added').drain();
    expect(ours()).toEqual(['conversation.created', 'message.received', 'conversation.status_changed']);
    expect(errors.length).toBeGreaterThan(0);
  });
  it('two processes following under one name handle each row once between them', async () => {
    const { cookie } = await seedAccount(server);
    for (let i = 0; i < 4; i++) await conversationOf(cookie, `cust-twin-${i}`, `Question ${i}`);
    const seen: number[] = [];
    const name = `twin-${Math.random().toString(36).slice(2)}`;
    const make = () =>
      new ActivityConsumer({
        db: server.runtime.ctx.db,
        name,
        batchSize: 2,
        handle: async (_trx, rows) => {
          // Hold the cursor lock a moment, so the other consumer meets it.
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(...rows.map((r) => r.id));
        },
      });
    const [a, b] = [make(), make()];
    await Promise.all([a.drain(), b.drain()]);
    await a.drain(); // whatever the skipped-lock side left
    const latest = await server.runtime.ctx.db.kysely
      .selectFrom('conversation_activity')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    expect(new Set(seen).size).toBe(seen.length);
    expect(Math.max(...seen)).toBe(Number(latest.id));
  });
});
