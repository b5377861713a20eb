import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createApiChannel, manualClock, startTestServer, type TestServer } from '../../http/testing.ts';
import { openDesk } from './test-helpers.ts';

const MINUTE = 60_000;

describe.each(testEngines())('routing on the database (%s)', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('least loaded by default: spreads new conversations and records why in the activity log', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    const b = await desk.agent();
    await desk.online(a.userId);
    await desk.online(b.userId);
    for (const customer of ['c1', 'c2', 'c3', 'c4']) await desk.message(customer);
    const items = await desk.listAll();
    expect(items).toHaveLength(4);
    const counts = new Map<string, number>();
    for (const c of items) counts.set(c.assignee?.id, (counts.get(c.assignee?.id) ?? 0) + 1);
    expect(counts.get(a.userId)).toBe(2);
    expect(counts.get(b.userId)).toBe(2);
    const activity = await desk.activity(items[0].id);
    const assigned = activity.find((r) => r.kind === 'conversation.assigned');
    expect(assigned?.data.reason).toMatch(/least_loaded/);
  });

  it('round robin takes turns in id order', async () => {
    const desk = await openDesk(server, clock);
    const agents = [await desk.agent(), await desk.agent(), await desk.agent()];
    for (const agent of agents) await desk.online(agent.userId);
    expect(
      (await desk.api('PUT', '/routing/settings/account/current', { strategy: { name: 'round_robin' } }))
        .status,
    ).toBe(200);
    for (let i = 0; i < 6; i++) await desk.message(`rr-${i}`);
    const items = (await desk.listAll()).sort((x, y) =>
      x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0,
    );
    const order = [...agents.map((agent) => agent.userId)].sort();
    const assignees = new Map<string, number>();
    for (const item of items) assignees.set(item.assignee.id, (assignees.get(item.assignee.id) ?? 0) + 1);
    expect([...assignees.values()]).toEqual([2, 2, 2]);
    // Consecutive assignments never go to the same agent twice in a row.
    const activity = await Promise.all(items.map((item) => desk.activity(item.id)));
    const sequence = activity
      .flatMap((rows) => rows.filter((r) => r.kind === 'conversation.assigned'))
      .map((r) => r.data.to as string);
    expect(new Set(sequence).size).toBe(3);
    expect(order).toContain(sequence[0]);
  });

  it('skills based: the skilled agent first, others only after the overflow wait', async () => {
    const desk = await openDesk(server, clock);
    const skilled = await desk.agent();
    const other = await desk.agent();
    await desk.capacity(skilled.userId, { chat: 1 });
    await desk.online(skilled.userId);
    await desk.online(other.userId);
    expect(
      (
        await desk.api('PUT', `/routing/agents/${skilled.userId}/skills`, {
          skills: [{ skill: 'french', proficiency: 4 }],
        })
      ).status,
    ).toBe(200);
    const res = await desk.api('PUT', `/routing/settings/channel/${desk.channel.id}`, {
      requiredSkills: [{ skill: 'french', minProficiency: 3 }],
      workKind: 'chat',
    });
    expect(res.status).toBe(200);
    expect(
      (
        await desk.api('PUT', '/routing/settings/account/current', {
          strategy: {
            name: 'skills_based',
            options: { overflow: [{ afterWaitMs: 10 * MINUTE, ignoreSkills: true }] },
          },
        })
      ).status,
    ).toBe(200);
    await desk.message('fr-1', { isPublic: false });
    await desk.message('fr-2', { isPublic: false });
    let items = await desk.listAll();
    const assigned = items.filter((c) => c.assignee);
    expect(assigned).toHaveLength(1);
    expect(assigned[0].assignee.id).toBe(skilled.userId);
    // The skilled agent is full; after the overflow wait the sweep gives it to anyone.
    clock.advance(11 * MINUTE);
    await desk.sweep();
    items = await desk.listAll();
    expect(items.map((c) => c.assignee?.id).sort()).toEqual([skilled.userId, other.userId].sort());
  });

  it('sticky: a returning customer goes back to their last agent when online', async () => {
    const desk = await openDesk(server, clock);
    const agents = [await desk.agent(), await desk.agent(), await desk.agent()];
    for (const agent of agents) await desk.online(agent.userId);
    await desk.api('PUT', '/routing/settings/account/current', {
      strategy: { name: 'sticky', options: { fallback: { name: 'least_loaded' } } },
    });
    await desk.message('loyal');
    const first = (await desk.listAll())[0];
    const lastAgent = first.assignee.id;
    // Fill the others' queue so least loaded alone would not pick the same agent again.
    await desk.message('someone-else');
    const second = await createApiChannel(server, desk.admin);
    await desk.message('loyal', { channel: second });
    const items = await desk.listAll();
    const returning = items.find((c) => c.channel.id === second.id);
    expect(returning.assignee.id).toBe(lastAgent);
    const activity = await desk.activity(returning.id);
    expect(activity.find((r) => r.kind === 'conversation.assigned')?.data.reason).toMatch(
      /sticky: previous agent/,
    );
  });

  it('never past capacity; freed capacity and an agent coming online pick up queued work with no new message', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    await desk.capacity(a.userId, { social: 1, chat: 1 });
    await desk.online(a.userId);
    await desk.message('q1');
    await desk.message('q2');
    let items = await desk.listAll();
    expect(items.filter((c) => c.assignee?.id === a.userId)).toHaveLength(1);
    const first = items.find((c) => c.assignee)!;
    const waiting = items.find((c) => !c.assignee)!;
    // Resolving frees capacity: the sweep (kicked by the follower) assigns the waiting one.
    expect((await desk.api('POST', `/conversations/${first.id}/status`, { status: 'resolved' })).status).toBe(
      200,
    );
    await desk.settle();
    await desk.sweep();
    expect((await desk.conversation(waiting.id)).assignee?.id).toBe(a.userId);
    // A third conversation waits until a second agent comes online.
    await desk.message('q3');
    items = await desk.listAll();
    const third = items.find((c) => !c.assignee && c.status !== 'resolved')!;
    expect(third).toBeDefined();
    const b = await desk.agent();
    await desk.online(b.userId);
    await desk.sweep();
    expect((await desk.conversation(third.id)).assignee?.id).toBe(b.userId);
    const board = (await desk.api('GET', '/routing/agents')).body.items as {
      id: string;
      load: Record<string, number>;
      capacity: Record<string, number>;
    }[];
    for (const agent of board)
      for (const [kind, n] of Object.entries(agent.load))
        expect(n).toBeLessThanOrEqual(agent.capacity[kind] ?? 0);
  });

  it('reassigns when the agent has not replied within N minutes, and when the agent goes offline', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    const b = await desk.agent();
    await desk.capacity(b.userId, { social: 0, chat: 0 });
    await desk.online(a.userId);
    await desk.online(b.userId);
    await desk.api('PUT', '/routing/settings/account/current', { noReplyReassignMinutes: 5 });
    await desk.message('slow');
    const [conv] = await desk.listAll();
    expect(conv.assignee.id).toBe(a.userId);
    await desk.capacity(b.userId, { social: 8, chat: 3 });
    clock.advance(4 * MINUTE);
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(a.userId);
    clock.advance(2 * MINUTE);
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(b.userId);
    const reasons = (await desk.activity(conv.id))
      .filter((r) => r.kind === 'conversation.assigned')
      .map((r) => r.data.reason);
    expect(reasons.at(-1)).toMatch(/reassign \(no_agent_reply\)/);
    // B replies, so no more no-reply moves; B goes offline: back to A.
    expect(
      (await desk.api('POST', `/conversations/${conv.id}/replies`, { text: 'On it' }, b.cookie)).status,
    ).toBe(201);
    await desk.settle();
    clock.advance(10 * MINUTE);
    await desk.online(a.userId);
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(b.userId);
    await desk.online(b.userId, 'offline');
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(a.userId);
    // A goes offline too with nobody left: the conversation goes back to the queue.
    await desk.online(a.userId, 'offline');
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee).toBeNull();
  });

  it('an away agent keeps their work unless the team asks for reassignment when away', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    const b = await desk.agent();
    await desk.online(a.userId);
    await desk.message('away-1');
    const [conv] = await desk.listAll();
    expect(conv.assignee.id).toBe(a.userId);
    await desk.online(b.userId);
    await desk.online(a.userId, 'away');
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(a.userId);
    expect(
      (await desk.api('PUT', '/routing/settings/account/current', { reassignWhenAway: true })).status,
    ).toBe(200);
    await desk.sweep();
    expect((await desk.conversation(conv.id)).assignee.id).toBe(b.userId);
    const last = (await desk.activity(conv.id)).filter((r) => r.kind === 'conversation.assigned').at(-1);
    expect(last?.data.reason).toMatch(/reassign \(agent_away\)/);
  });

  it('marks agents away then offline after inactivity and keeps presence history', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    await desk.api('PUT', '/routing/settings/account/current', {
      awayAfterMinutes: 10,
      offlineAfterMinutes: 30,
    });
    expect((await desk.api('PUT', '/routing/presence/me', { status: 'online' }, a.cookie)).body.status).toBe(
      'online',
    );
    clock.advance(11 * MINUTE);
    await desk.sweep();
    expect((await desk.api('GET', '/routing/presence/me', undefined, a.cookie)).body).toMatchObject({
      status: 'away',
      setBy: 'inactivity',
    });
    // A heartbeat brings an inactivity-away agent back.
    expect((await desk.api('POST', '/routing/presence/heartbeat', undefined, a.cookie)).body.status).toBe(
      'online',
    );
    clock.advance(31 * MINUTE);
    await desk.sweep();
    expect((await desk.api('GET', '/routing/presence/me', undefined, a.cookie)).body.status).toBe('offline');
    const history = await server.runtime.ctx.db.kysely
      .selectFrom('presence_history')
      .select(['status', 'set_by', 'ended_at'])
      .where('user_id', '=', a.userId)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.status)).toEqual(['online', 'away', 'online', 'offline']);
    expect(history.slice(0, 3).every((h) => h.ended_at !== null)).toBe(true);
    expect(history[3]?.ended_at).toBeNull();
  });

  it('manual pull gives the agent the next best conversation in queue order', async () => {
    const desk = await openDesk(server, clock);
    const a = await desk.agent();
    await desk.api('PUT', '/routing/settings/account/current', { autoAssign: false });
    await desk.message('p1');
    clock.advance(MINUTE);
    await desk.message('p2');
    expect((await desk.api('POST', '/routing/next', {}, a.cookie)).status).toBe(409);
    await desk.online(a.userId);
    const items = await desk.listAll();
    expect(items.every((c) => c.assignee === null)).toBe(true);
    const oldest = items.sort((x, y) => (x.waitingSince < y.waitingSince ? -1 : 1))[0];
    const pulled = await desk.api('POST', '/routing/next', {}, a.cookie);
    expect(pulled.status).toBe(200);
    expect(pulled.body.conversation.id).toBe(oldest.id);
    expect(pulled.body.conversation.assignee.id).toBe(a.userId);
  });
});
