import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskSweep } from '../automation/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';

describe.each(testEngines())('labels, snooze, merge, transfer and presence on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = async (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  async function conversationOf(cookie: string, text: string) {
    const channel = await createApiChannel(server, cookie);
    const authorId = `cust-${Math.random().toString(36).slice(2)}`;
    await postWebhook(server, channel, apiMessage({ authorId, text, occurredAt: clock().toISOString() }));
    await drainInbound(server);
    const list = (await call(cookie, 'GET', `/conversations?channel=${channel.id}`)).body.items as {
      id: string;
    }[];
    return { channel, authorId, id: list[0]!.id };
  }
  const conversation = async (cookie: string, id: string) =>
    (await call(cookie, 'GET', `/conversations/${id}`)).body;
  const kinds = async (cookie: string, id: string) =>
    ((await call(cookie, 'GET', `/conversations/${id}/activity`)).body.activity as { kind: string }[]).map(
      (a) => a.kind,
    );

  it('labels: created per account, added and removed, listed on rows and filterable', async () => {
    const a = await seedAccount(server);
    const b = await seedAccount(server);
    const vip = await call(a.cookie, 'POST', '/labels', { name: 'Billing', color: '#aa3300' });
    expect(vip.status).toBe(201);
    expect((await call(a.cookie, 'POST', '/labels', { name: 'billing' })).status).toBe(409);
    for (const bad of [{ name: '' }, { name: '   ' }, { name: 'x', color: 'red' }]) {
      expect((await call(a.cookie, 'POST', '/labels', bad)).status).toBe(400);
    }
    expect((await call(a.cookie, 'GET', '/labels')).body.items).toHaveLength(1);
    expect((await call(b.cookie, 'GET', '/labels')).body.items).toEqual([]);
    const one = await conversationOf(a.cookie, 'Invoice wrong');
    const two = await conversationOf(a.cookie, 'Hello');
    const labelId = vip.body.label.id as string;
    expect((await call(a.cookie, 'POST', `/conversations/${one.id}/labels`, { labelId })).status).toBe(200);
    expect((await call(a.cookie, 'POST', `/conversations/${one.id}/labels`, { labelId })).status).toBe(200);
    expect((await conversation(a.cookie, one.id)).conversation.labels).toEqual([
      { id: labelId, name: 'Billing', color: '#aa3300' },
    ]);
    const filtered = (await call(a.cookie, 'GET', `/conversations?label=${labelId}`)).body.items as {
      id: string;
    }[];
    expect(filtered.map((c) => c.id)).toEqual([one.id]);
    expect(filtered.map((c) => c.id)).not.toContain(two.id);
    expect((await kinds(a.cookie, one.id)).filter((k) => k === 'label.added')).toHaveLength(1);
    // Another account can neither use the label nor touch the conversation.
    const theirs = await conversationOf(b.cookie, 'Mine');
    expect((await call(b.cookie, 'POST', `/conversations/${theirs.id}/labels`, { labelId })).status).toBe(
      404,
    );
    expect((await call(b.cookie, 'POST', `/conversations/${one.id}/labels`, { labelId })).status).toBe(404);
    expect((await call(b.cookie, 'DELETE', `/labels/${labelId}`)).status).toBe(404);
    expect((await call(b.cookie, 'GET', `/conversations?label=${labelId}`)).body.items).toEqual([]);
    expect((await call(a.cookie, 'DELETE', `/conversations/${one.id}/labels/${labelId}`)).status).toBe(200);
    expect((await conversation(a.cookie, one.id)).conversation.labels).toEqual([]);
    expect(await kinds(a.cookie, one.id)).toContain('label.removed');
  });

  it('snooze: refuses the past, wakes by the sweep at the time or by a customer message', async () => {
    const { cookie } = await seedAccount(server);
    const other = await seedAccount(server);
    const first = await conversationOf(cookie, 'Call me back tomorrow');
    const past = new Date(clock().getTime() - 1000).toISOString();
    expect((await call(cookie, 'POST', `/conversations/${first.id}/snooze`, { until: past })).status).toBe(
      400,
    );
    expect(
      (await call(cookie, 'POST', `/conversations/${first.id}/snooze`, { until: 'tomorrow' })).status,
    ).toBe(400);
    expect((await conversation(cookie, first.id)).conversation.status).not.toBe('snoozed');
    const until = new Date(clock().getTime() + 3_600_000).toISOString();
    expect((await call(other.cookie, 'POST', `/conversations/${first.id}/snooze`, { until })).status).toBe(
      404,
    );
    const snoozed = await call(cookie, 'POST', `/conversations/${first.id}/snooze`, { until });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const sweep = new DeskSweep({ db: server.runtime.ctx.db, clock });
    clock.advance(30 * 60_000);
    await sweep.runOnce();
    expect((await conversation(cookie, first.id)).conversation.status).toBe('snoozed');
    clock.advance(31 * 60_000);
    await sweep.runOnce();
    expect((await conversation(cookie, first.id)).conversation).toMatchObject({
      status: 'open',
      snoozedUntil: null,
    });

    const second = await conversationOf(cookie, 'Later please');
    await call(cookie, 'POST', `/conversations/${second.id}/snooze`, {
      until: new Date(clock().getTime() + 86_400_000).toISOString(),
    });
    await postWebhook(
      server,
      second.channel,
      apiMessage({ authorId: second.authorId, text: 'Actually now', occurredAt: clock().toISOString() }),
    );
    await drainInbound(server);
    expect((await conversation(cookie, second.id)).conversation.status).toBe('open');
  });

  it('merge: messages move, the merged one closes and points to the survivor', async () => {
    const { cookie } = await seedAccount(server);
    const other = await seedAccount(server);
    const survivor = await conversationOf(cookie, 'First message');
    const merged = await conversationOf(cookie, 'Second message elsewhere');
    const theirs = await conversationOf(other.cookie, 'Not yours');
    expect(
      (await call(cookie, 'POST', `/conversations/${merged.id}/merge`, { intoConversationId: merged.id }))
        .status,
    ).toBe(400);
    expect(
      (await call(cookie, 'POST', `/conversations/${merged.id}/merge`, { intoConversationId: theirs.id }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(other.cookie, 'POST', `/conversations/${merged.id}/merge`, {
          intoConversationId: theirs.id,
        })
      ).status,
    ).toBe(404);
    expect((await conversation(cookie, merged.id)).messages).toHaveLength(1);
    const res = await call(cookie, 'POST', `/conversations/${merged.id}/merge`, {
      intoConversationId: survivor.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.messageCount).toBe(2);
    const after = await conversation(cookie, survivor.id);
    expect(after.messages.map((m: { text: string }) => m.text)).toEqual([
      'First message',
      'Second message elsewhere',
    ]);
    expect((await conversation(cookie, merged.id)).conversation).toMatchObject({
      status: 'closed',
      mergedIntoId: survivor.id,
    });
    expect(await kinds(cookie, survivor.id)).toContain('conversation.merged');
    expect(
      (await call(cookie, 'POST', `/conversations/${merged.id}/merge`, { intoConversationId: survivor.id }))
        .status,
    ).toBe(409);
  });

  it('transfer: to a team of the account, unassigned, with a note', async () => {
    const { accountId, cookie, userId } = await seedAccount(server);
    const other = await seedAccount(server);
    const db = server.runtime.ctx.db.kysely;
    const team = await db
      .insertInto('teams')
      .values({ account_id: accountId, name: 'Billing' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theirTeam = await db
      .insertInto('teams')
      .values({ account_id: other.accountId, name: 'Billing' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id } = await conversationOf(cookie, 'Charged twice');
    await call(cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: userId });
    expect(
      (await call(cookie, 'POST', `/conversations/${id}/transfer`, { teamId: theirTeam.id, note: 'x' }))
        .status,
    ).toBe(404);
    expect(
      (await call(cookie, 'POST', `/conversations/${id}/transfer`, { teamId: team.id, note: ' ' })).status,
    ).toBe(400);
    expect((await conversation(cookie, id)).conversation.assignee.id).toBe(userId);
    const res = await call(cookie, 'POST', `/conversations/${id}/transfer`, {
      teamId: team.id,
      note: 'Double charge, needs a refund',
    });
    expect(res.body).toMatchObject({ teamId: team.id, assignee: null });
    const body = await conversation(cookie, id);
    expect(body.notes.map((n: { text: string }) => n.text)).toEqual(['Double charge, needs a refund']);
    expect(await kinds(cookie, id)).toContain('conversation.transferred');
  });

  it('presence: viewers and typists are listed, expire without heartbeats, and their time is stored', async () => {
    const { accountId, cookie, userId } = await seedAccount(server);
    const other = await seedAccount(server);
    const { id } = await conversationOf(cookie, 'Anyone there?');
    expect((await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'dancing' })).status).toBe(
      400,
    );
    expect(
      (await call(other.cookie, 'POST', `/conversations/${id}/presence`, { state: 'viewing' })).status,
    ).toBe(404);
    const started = clock();
    const seen = await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'viewing' });
    expect(seen.body.viewers).toMatchObject([{ userId, state: 'viewing' }]);
    clock.advance(10_000);
    await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'typing' });
    clock.advance(10_000);
    await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'typing' });
    expect((await call(cookie, 'GET', `/conversations/${id}/presence`)).body.viewers).toMatchObject([
      { userId, state: 'typing' },
    ]);
    // Heartbeats stop: gone after the TTL, and the sweep ends the stretch at the last beat.
    clock.advance(31_000);
    expect((await call(cookie, 'GET', `/conversations/${id}/presence`)).body.viewers).toEqual([]);
    await new DeskSweep({ db: server.runtime.ctx.db, clock }).runOnce();
    const rows = await server.runtime.ctx.db.kysely
      .selectFrom('conversation_work_time')
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.started_at.getTime()).toBe(started.getTime());
    expect(rows[0]!.ended_at!.getTime()).toBe(started.getTime() + 20_000);
    expect(rows[0]!.typing_seconds).toBe(20);
    // 'left' ends a stretch at once.
    await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'viewing' });
    await call(cookie, 'POST', `/conversations/${id}/presence`, { state: 'left' });
    expect((await call(cookie, 'GET', `/conversations/${id}/presence`)).body.viewers).toEqual([]);
  });
});
