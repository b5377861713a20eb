import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  apiMessage,
  drainActivity,
  drainInbound,
  manualClock,
  postWebhook,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { type Desk, openDesk } from './test-helpers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testEngines())('SLA clocks on the database (%s)', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function hourPolicy(desk: Desk, calendarId: string | null = null) {
    const res = await desk.api('POST', '/routing/sla-policies', {
      name: 'API one hour',
      calendarId,
      atRiskShare: 0.75,
      isDefault: true,
      rules: [
        {
          name: 'API',
          match: { channels: ['api'] },
          targets: { firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: 24 * HOUR },
        },
      ],
    });
    expect(res.status).toBe(201);
  }

  const realtime = (desk: Desk, type: string) =>
    server.runtime.ctx.db.kysely
      .selectFrom('realtime_events')
      .select(['payload'])
      .where('account_id', '=', desk.accountId)
      .where('type', '=', type)
      .orderBy('id')
      .execute();

  /** 09:00: a desk with the one-hour policy, an agent online and a new conversation from `authorId`. */
  async function conversationWithAgentOnline(authorId: string) {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const desk = await openDesk(server, clock);
    await hourPolicy(desk);
    const agent = await desk.agent();
    await desk.online(agent.userId);
    const start = clock().getTime();
    await desk.message(authorId);
    const [conv] = await desk.listAll();
    return { desk, agent, start, conv };
  }

  it("publishes a new conversation's due time live, so the desk's countdown needs no reload", async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const desk = await openDesk(server, clock);
    await hourPolicy(desk);
    const start = clock().getTime();
    const hub = server.runtime.ctx.hub;
    const shown: { id: string; sla?: { nextDueAt: string | null } }[] = [];
    const unsubscribe = hub.subscribe(desk.accountId, (event) => {
      if (event.type === 'conversation.updated') shown.push(event.payload.conversation as (typeof shown)[0]);
    });
    const res = await postWebhook(
      server,
      desk.channel,
      apiMessage({ authorId: 'live-countdown', occurredAt: clock().toISOString() }),
    );
    expect(res.statusCode).toBe(200);
    await drainInbound(server);
    hub.poke();
    await hub.whenIdle();
    // The new conversation reached the desk before its SLA was computed…
    expect(shown.map((c) => c.sla?.nextDueAt ?? null)).toEqual([null]);
    await drainActivity(server);
    hub.poke();
    await hub.whenIdle();
    unsubscribe();
    // …and its countdown follows as soon as it is.
    expect(shown.at(-1)?.id).toBe(shown[0]?.id);
    expect(shown.at(-1)?.sla?.nextDueAt).toBe(new Date(start + HOUR).toISOString());
  });

  it('leaves the stored SLA alone when a follow-up changes nothing but the time, and stores the next real change', async () => {
    const { desk, agent, start, conv } = await conversationWithAgentOnline('follow-up');
    const stored = async () =>
      (
        await server.runtime.ctx.db.kysely
          .selectFrom('conversations')
          .select(['sla_state', 'sla_next_due_at'])
          .where('id', '=', conv.id)
          .executeTakeFirstOrThrow()
      ).sla_state as { computedAt: number } | null;
    expect((await stored())?.computedAt).toBe(start);
    // "Any news?" ten minutes later: the first-response clock runs on, due at the same time.
    clock.advance(10 * MINUTE);
    await desk.message('follow-up');
    expect((await stored())?.computedAt).toBe(start);
    expect((await desk.conversation(conv.id)).sla.nextDueAt).toBe(new Date(start + HOUR).toISOString());
    // The agent's reply stops that clock: stored at once.
    clock.advance(5 * MINUTE);
    await desk.api('POST', `/conversations/${conv.id}/replies`, { text: 'On it' }, agent.cookie);
    await desk.settle();
    expect((await stored())?.computedAt).toBe(start + 15 * MINUTE);
    expect((await desk.conversation(conv.id)).sla.firstResponseDueAt).toBeNull();
  });

  it('stores deadlines, fires at risk and breached once each (activity + realtime), then met for a timely next response', async () => {
    const { desk, agent, start, conv } = await conversationWithAgentOnline('late');
    expect(conv.sla.firstResponseDueAt).toBe(new Date(start + HOUR).toISOString());
    expect(conv.sla.nextDueAt).toBe(new Date(start + HOUR).toISOString());
    clock.advance(44 * MINUTE);
    await desk.sweep();
    expect((await desk.activity(conv.id)).some((r) => r.kind === 'sla.at_risk')).toBe(false);
    clock.advance(2 * MINUTE);
    await desk.sweep();
    await desk.sweep();
    let activity = await desk.activity(conv.id);
    const atRisk = activity.filter((r) => r.kind === 'sla.at_risk');
    expect(atRisk).toHaveLength(1);
    expect(atRisk[0]?.data).toMatchObject({
      metric: 'first_response',
      dueAt: new Date(start + HOUR).toISOString(),
      targetSeconds: 3600,
    });
    expect((await desk.conversation(conv.id)).sla.isAtRisk).toBe(true);
    const pushed = await realtime(desk, 'sla.at_risk');
    expect(pushed.map((p) => p.payload)).toEqual([
      expect.objectContaining({
        conversationId: conv.id,
        assigneeId: agent.userId,
        metric: 'first_response',
      }),
    ]);
    clock.advance(15 * MINUTE);
    await desk.sweep();
    await desk.sweep();
    activity = await desk.activity(conv.id);
    expect(activity.filter((r) => r.kind === 'sla.breached')).toHaveLength(1);
    expect((await desk.conversation(conv.id)).sla.isBreached).toBe(true);
    expect((await realtime(desk, 'sla.breached')).map((p) => p.payload.metric)).toEqual(['first_response']);
    // The late reply stops the clock (breached); a new customer message starts next response, answered in time.
    await desk.api('POST', `/conversations/${conv.id}/replies`, { text: 'Sorry for the wait' }, agent.cookie);
    await desk.settle();
    clock.advance(5 * MINUTE);
    await desk.message('late');
    clock.advance(10 * MINUTE);
    await desk.api('POST', `/conversations/${conv.id}/replies`, { text: 'Done' }, agent.cookie);
    await desk.settle();
    activity = await desk.activity(conv.id);
    expect(activity.filter((r) => r.kind === 'sla.met').map((r) => r.data.metric)).toEqual(['next_response']);
    const attainment = await server.runtime.ctx.db.kysely
      .selectFrom('sla_attainment')
      .select(['metric', 'outcome', 'assignee_id'])
      .where('conversation_id', '=', conv.id)
      .orderBy('started_at')
      .execute();
    expect(attainment).toEqual([
      { metric: 'first_response', outcome: 'breached', assignee_id: agent.userId },
      { metric: 'next_response', outcome: 'met', assignee_id: agent.userId },
    ]);
  });

  it('pauses while pending on the customer and resumes with the remaining time', async () => {
    clock.set(new Date('2026-03-03T09:00:00Z'));
    const desk = await openDesk(server, clock);
    await hourPolicy(desk);
    const start = clock().getTime();
    await desk.message('pauser');
    const [conv] = await desk.listAll();
    clock.advance(10 * MINUTE);
    await desk.api('POST', `/conversations/${conv.id}/status`, { status: 'pending' });
    await desk.settle();
    let current = await desk.conversation(conv.id);
    expect(current.sla.isPaused).toBe(true);
    expect(current.sla.firstResponseDueAt).toBeNull();
    clock.advance(2 * HOUR);
    await desk.sweep();
    expect((await desk.activity(conv.id)).some((r) => r.kind.startsWith('sla.'))).toBe(false);
    await desk.api('POST', `/conversations/${conv.id}/status`, { status: 'open' });
    await desk.settle();
    current = await desk.conversation(conv.id);
    expect(current.sla.isPaused).toBe(false);
    // 10 minutes were used before the pause: 50 remain from the resume.
    expect(current.sla.firstResponseDueAt).toBe(
      new Date(start + 10 * MINUTE + 2 * HOUR + 50 * MINUTE).toISOString(),
    );
  });

  it('counts only business hours of the policy calendar', async () => {
    clock.set(new Date('2026-03-02T16:30:00Z')); // Monday 16:30 in London (GMT)
    const desk = await openDesk(server, clock);
    const calendar = await desk.api('POST', '/routing/calendars', {
      name: 'London office',
      timeZone: 'Europe/London',
      periods: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      holidays: ['2026-03-03'],
      isDefault: true,
    });
    expect(calendar.status).toBe(201);
    await hourPolicy(desk, calendar.body.id);
    await desk.message('after-hours');
    const [conv] = await desk.listAll();
    // 30 minutes on Monday, Tuesday is a holiday, the other 30 on Wednesday morning.
    expect(conv.sla.firstResponseDueAt).toBe('2026-03-04T09:30:00.000Z');
  });

  it('deadlines never move backwards as new events arrive', async () => {
    clock.set(new Date('2026-03-05T09:00:00Z'));
    const desk = await openDesk(server, clock);
    await hourPolicy(desk);
    await desk.message('mono');
    const [conv] = await desk.listAll();
    // Priority set by hand, so triage cannot escalate it (a higher priority legitimately shortens targets).
    await desk.api('POST', `/conversations/${conv.id}/priority`, { priority: 'normal' });
    await desk.settle();
    const seen: number[] = [];
    const record = async () => {
      const due = (await desk.conversation(conv.id)).sla.firstResponseDueAt;
      if (due) seen.push(Date.parse(due));
    };
    await record();
    const steps: (() => Promise<void>)[] = [
      () => desk.message('mono'),
      async () => {
        await desk.api('POST', `/conversations/${conv.id}/status`, { status: 'pending' });
        await desk.settle();
      },
      () => desk.message('mono'), // the customer writing resumes the clock
      async () => {
        await desk.api('POST', `/conversations/${conv.id}/status`, { status: 'pending' });
        await desk.settle();
      },
      async () => {
        await desk.api('POST', `/conversations/${conv.id}/status`, { status: 'open' });
        await desk.settle();
      },
      () => desk.message('mono'),
    ];
    for (const step of steps) {
      clock.advance(7 * MINUTE);
      await step();
      await record();
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
  });

  it('"SLA due first" queue order in the conversation list', async () => {
    clock.set(new Date('2026-03-06T09:00:00Z'));
    const desk = await openDesk(server, clock);
    await desk.api('POST', '/routing/sla-policies', {
      name: 'Mixed',
      isDefault: true,
      rules: [
        {
          name: 'urgent fast',
          match: { priorities: ['urgent'] },
          targets: { firstResponseMs: 10 * MINUTE, nextResponseMs: null, resolutionMs: null },
        },
        {
          name: 'rest',
          match: {},
          targets: { firstResponseMs: 2 * HOUR, nextResponseMs: null, resolutionMs: null },
        },
      ],
    });
    await desk.message('older');
    clock.advance(5 * MINUTE);
    await desk.message('newer');
    const byWaiting = (await desk.api('GET', '/conversations')).body.items;
    const newer = byWaiting[1];
    await desk.api('POST', `/conversations/${newer.id}/priority`, { priority: 'urgent' });
    await desk.settle();
    const slaFirst = (await desk.api('GET', '/conversations?order=sla_due_first&limit=1')).body;
    expect(slaFirst.items[0].id).toBe(newer.id);
    const page2 = (
      await desk.api('GET', `/conversations?order=sla_due_first&limit=1&cursor=${slaFirst.nextCursor}`)
    ).body;
    expect(page2.items[0].id).toBe(byWaiting[0].id);
    expect(page2.nextCursor).toBeNull();
  });
});
