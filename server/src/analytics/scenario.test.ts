// biome-ignore-all lint/suspicious/noExplicitAny: the test reads loosely typed JSON reports
// A week-day scenario driven through the public API, with every KPI worked out by hand below.
// Account time zone Europe/London (UTC+0 in early March 2026); business hours Mon–Fri 09:00–17:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  signIn,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';

const T = (iso: string) => new Date(`2026-03-${iso}Z`);
const RANGE = 'from=2026-03-02T00:00:00Z&to=2026-03-05T00:00:00Z';

describe.each(testEngines())('analytics scenario on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(T('02T09:00:00'));
  const ids: Record<string, string> = {};
  const emails = new Map<string, string>();
  let admin: Awaited<ReturnType<typeof seedAccount>>;
  let a1: Awaited<ReturnType<typeof addUser>>;
  let a2: Awaited<ReturnType<typeof addUser>>;

  // Sessions expire while the manual clock jumps days ahead: sign in again when told to.
  const cookies = new Map<string, string>();
  const api = async (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const send = (c: string) =>
      server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: c }, payload });
    let res = await send(cookies.get(cookie) ?? cookie);
    const email = emails.get(cookie);
    if (res.statusCode === 401 && email) {
      cookies.set(cookie, await signIn(server, email, 'correct horse battery'));
      res = await send(cookies.get(cookie)!);
    }
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    const body = (isJson ? res.json() : {}) as Record<string, any>;
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  };
  const at = (iso: string) => clock.set(T(iso));
  const db = () => server.runtime.ctx.db.kysely;

  async function customer(
    channel: { id: string; secret: string },
    author: string,
    text: string,
    isPublic: boolean,
  ) {
    const res = await postWebhook(
      server,
      channel,
      apiMessage({ authorId: author, text, isPublic, occurredAt: clock().toISOString() }),
    );
    expect(res.statusCode).toBe(200);
    await drainInbound(server);
    await drainActivity(server);
  }
  async function newConversation(
    channel: { id: string; secret: string },
    name: string,
    text: string,
    isPublic: boolean,
  ) {
    await customer(channel, `cust-${name}`, text, isPublic);
    const row = await db()
      .selectFrom('conversations')
      .select('id')
      .where('account_id', '=', admin.accountId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    ids[name] = row.id;
  }
  async function act(cookie: string, name: string, what: 'assign' | 'reply' | 'resolve', arg?: string) {
    const id = ids[name]!;
    const res =
      what === 'assign'
        ? await api(cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: arg })
        : what === 'reply'
          ? await api(cookie, 'POST', `/conversations/${id}/replies`, { text: arg ?? 'On it.' })
          : await api(cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' });
    expect(res.status).toBeLessThan(300);
    await drainActivity(server);
  }
  /** What the desk tools record while an agent has a conversation open (fixture rows). */
  async function worked(agent: string, name: string, from: string, to: string) {
    await db()
      .insertInto('conversation_work_time')
      .values({
        account_id: admin.accountId,
        user_id: agent,
        conversation_id: ids[name]!,
        started_at: T(from),
        last_seen_at: T(to),
        ended_at: T(to),
        last_state: 'viewing',
      })
      .execute();
  }
  /** What routing records when an agent goes online and off (fixture rows). */
  async function online(agent: string, from: string, to: string | null) {
    await db()
      .insertInto('presence_history')
      .values({
        account_id: admin.accountId,
        user_id: agent,
        status: 'online',
        set_by: 'agent',
        started_at: T(from),
        ended_at: to ? T(to) : null,
      })
      .execute();
  }

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
    admin = await seedAccount(server);
    a1 = await addUser(server, admin.accountId, 'agent');
    a2 = await addUser(server, admin.accountId, 'agent');
    for (const user of [admin, a1, a2]) emails.set(user.cookie, user.email);
    await db()
      .updateTable('accounts')
      .set({ time_zone: 'Europe/London' })
      .where('id', '=', admin.accountId)
      .execute();
    await db()
      .insertInto('business_calendars')
      .values({
        account_id: admin.accountId,
        name: 'Office hours',
        time_zone: 'Europe/London',
        periods: JSON.stringify(
          [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        ),
        holidays: JSON.stringify([]),
        special_days: JSON.stringify([]),
        is_default: true,
        updated_at: clock(),
      })
      .execute();
    expect(
      (
        await api(admin.cookie, 'PUT', '/analytics/settings', {
          loadedHourlyCost: 40,
          csat: { isEnabled: true },
        })
      ).status,
    ).toBe(200);
    const channel = await createApiChannel(server, admin.cookie);

    // C1, private. Mon 09:00 in; 09:10 assigned to A1; 09:30 A1 replies; 09:40 resolved (survey
    // sent); 12:00 the customer writes again (not a score: a reopen); 12:20 reply; 12:30 resolved.
    at('02T09:00:00');
    await newConversation(channel, 'c1', 'My parcel is lost and nobody helps, this is awful', false);
    await worked(a1.userId, 'c1', '02T09:20:00', '02T09:40:00');
    await worked(a1.userId, 'c1', '02T12:10:00', '02T12:30:00');
    at('02T09:10:00');
    await act(admin.cookie, 'c1', 'assign', a1.userId);
    at('02T09:30:00');
    await act(a1.cookie, 'c1', 'reply');
    at('02T09:40:00');
    await act(a1.cookie, 'c1', 'resolve');
    at('02T12:00:00');
    await customer(channel, 'cust-c1', 'Still not here, terrible service', false);
    at('02T12:20:00');
    await act(a1.cookie, 'c1', 'reply');
    at('02T12:30:00');
    await act(a1.cookie, 'c1', 'resolve');

    // C2, public. Mon 16:00 in; 16:30 assigned to A2; Tue 09:30 first reply; Tue 10:00 customer
    // again (still open, so no reopen); 10:15 reply; Tue 18:00 resolved (out of business hours).
    at('02T16:00:00');
    await newConversation(channel, 'c2', 'This is terrible, my order is late and nobody answers', true);
    await worked(a2.userId, 'c2', '03T09:15:00', '03T09:30:00');
    await worked(a2.userId, 'c2', '03T10:05:00', '03T10:20:00');
    at('02T16:30:00');
    await act(admin.cookie, 'c2', 'assign', a2.userId);
    at('03T09:30:00');
    await act(a2.cookie, 'c2', 'reply');
    at('03T10:00:00');
    await customer(channel, 'cust-c2', 'Great, thank you so much, that is perfect!', true);
    at('03T10:15:00');
    await act(a2.cookie, 'c2', 'reply');
    at('03T18:00:00');
    await act(a2.cookie, 'c2', 'resolve');

    // C3, private. Tue 20:00 in (closed hours); Wed 08:00 the admin resolves it unanswered.
    at('03T20:00:00');
    await newConversation(channel, 'c3', 'Do you ship to Norway?', false);
    at('04T08:00:00');
    await act(admin.cookie, 'c3', 'resolve');

    // C4, private. Wed 10:00 in; 10:05 A1 replies; 10:06 resolved (survey); 10:30 the answer "5".
    at('04T10:00:00');
    await newConversation(channel, 'c4', 'Where is my refund?', false);
    await worked(a1.userId, 'c4', '04T10:01:00', '04T10:06:00');
    // C5, private. Wed 10:02 in; never answered: still open at the end.
    at('04T10:02:00');
    await newConversation(channel, 'c5', 'How do I change my address?', false);
    await worked(a1.userId, 'c5', '04T10:04:00', '04T10:10:00');
    at('04T10:05:00');
    await act(a1.cookie, 'c4', 'reply');
    at('04T10:06:00');
    await act(a1.cookie, 'c4', 'resolve');
    at('04T10:30:00');
    await customer(channel, 'cust-c4', '5', false);

    // Presence: A1 online Mon 09:00–13:00 and Wed 10:00 until now; A2 Tue 09:00–11:00 and 17:00–18:30.
    await online(a1.userId, '02T09:00:00', '02T13:00:00');
    await online(a1.userId, '04T10:00:00', null);
    await online(a2.userId, '03T09:00:00', '03T11:00:00');
    await online(a2.userId, '03T17:00:00', '03T18:30:00');
    at('04T12:00:00');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('the survey went out through the outbox and its answer did not reopen the case', async () => {
    const surveys = await db()
      .selectFrom('messages')
      .innerJoin('outbox', 'outbox.message_id', 'messages.id')
      .select(['messages.conversation_id'])
      .where('messages.account_id', '=', admin.accountId)
      .where('messages.author_type', '=', 'system')
      .execute();
    expect(surveys.map((s) => s.conversation_id).sort()).toEqual([ids.c1!, ids.c4!].sort());
    const c4 = await api(admin.cookie, 'GET', `/conversations/${ids.c4}`);
    expect(c4.body.status ?? c4.body.conversation?.status).toBe('resolved');
  });

  it('every headline KPI matches the hand-worked values (wall clock)', async () => {
    const { status, body } = await api(admin.cookie, 'GET', `/analytics/summary?${RANGE}`);
    expect(status).toBe(200);
    const k = body.kpis;
    // Inbound: C1 2, C2 2, C3 1, C4 2 (incl. the survey answer), C5 1 = 8; 5 new cases.
    expect(k.volume).toEqual({ inboundMessages: 8, newConversations: 5 });
    // Answered: C1, C2, C4 of 5 started.
    expect(k.responseRate).toBe(3 / 5);
    // First responses: C1 09:00→09:30 = 1800; C2 Mon 16:00→Tue 09:30 = 63000; C4 10:00→10:05 = 300.
    // Sorted [300, 1800, 63000]: mean 65100/3 = 21700, median 1800, p90 at rank 1.8 = 1800 + 0.8 × 61200 = 50760.
    expect(k.firstResponse).toEqual({ count: 3, mean: 21700, median: 1800, p90: 50760 });
    expect(k.asaSeconds).toBe(21700);
    // Next responses: C1 12:00→12:20 = 1200; C2 10:00→10:15 = 900. p90 = 900 + 0.9 × 300 = 1170.
    expect(k.nextResponse).toEqual({ count: 2, mean: 1050, median: 1050, p90: 1170 });
    // First resolutions: C1 2400, C2 Mon 16:00→Tue 18:00 = 93600, C3 Tue 20:00→Wed 08:00 = 43200, C4 360.
    // Sorted [360, 2400, 43200, 93600]: mean 139560/4 = 34890, median (2400 + 43200)/2 = 22800,
    // p90 at rank 2.7 = 43200 + 0.7 × 50400 = 78480.
    expect(k.resolution.count).toBe(4);
    expect(k.resolution.mean).toBe(34890);
    expect(k.resolution.median).toBe(22800);
    expect(k.resolution.p90).toBeCloseTo(78480, 6);
    // Assignment: C1 600, C2 1800: p90 = 600 + 0.9 × 1200 = 1680.
    expect(k.timeToAssignment).toEqual({ count: 2, mean: 1200, median: 1200, p90: 1680 });
    // Replies: C1 2, C2 2, C4 1. Resolutions: C1 twice, C2, C3, C4 = 5 (the survey answer is none).
    expect(k.replies).toBe(5);
    expect(k.resolutions).toBe(5);
    // First resolved in range: C1, C2, C3, C4. One agent reply before it: C1, C4 → FTR 2/4.
    // C1 was reopened 2 h 20 min later (inside 7 days) → FCR only C4: 1/4.
    expect(k.firstTouchResolution).toEqual({ count: 2, rate: 0.5 });
    expect(k.firstContactResolution).toEqual({ resolved: 4, count: 1, rate: 0.25 });
    expect(k.reopen).toEqual({ reopens: 1, reopenedConversations: 1, rate: 0.25 });
    // C3 was resolved with no agent reply: 1 of 5 resolutions.
    expect(k.unanswered).toEqual({ count: 1, rate: 0.2 });
    // Handle time inside each resolved cycle: C1 1200 + 1200, C2 900 + 900, C3 0, C4 300 = 4500;
    // AHT 4500 / 5 = 900. Cost per contact: 4500 s = 1.25 h × 40 / 5 = 10.
    expect(k.handleTime).toEqual({ totalSeconds: 4500, ahtSeconds: 900 });
    expect(k.costPerContact).toBe(10);
    // CSAT: surveys after C1's first and C4's resolution (private, answered by an agent; C3 had
    // no reply, C2 is public); C4 answered 5.
    expect(k.csat).toEqual({ sent: 2, answered: 1, responseRate: 0.5, average: 5, satisfied: 1 });
    // Online: A1 4 h + 2 h (Wed 10:00 → now 12:00), A2 2 h + 1.5 h = 9.5 h. Busy (union of
    // stretches): A1 1200 + 1200 + 10:01–10:10 540 = 2940, A2 1800 → 4740. Handling: A1 3060, A2 1800.
    expect(k.productivity.onlineHours).toBe(9.5);
    expect(k.productivity.resolvedPerOnlineHour).toBeCloseTo(5 / 9.5, 12);
    expect(k.productivity.occupancy).toBeCloseTo(4740 / 34200, 12);
    expect(k.productivity.concurrency).toBeCloseTo(4860 / 4740, 12);
    // Sentiment (triage's labels, read back through the conversations API): C1 negative →
    // negative; C2 negative → positive ("Great, thank you so much…"); C3 neutral; C4 starts
    // negative ("Where is my refund?"), and its only later message is the survey answer "5",
    // which says nothing about the case, so for analytics it ends negative (the inbox shows the
    // answer's neutral). Started negative: C1, C2, C4 → turned around: C2 → 1/3.
    const sentiments: Record<string, [string, string]> = {};
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      const c = (await api(admin.cookie, 'GET', `/conversations/${ids[name]}`)).body;
      const conv = c.conversation ?? c;
      sentiments[name] = [conv.sentimentStart, conv.sentimentEnd];
    }
    expect(sentiments).toEqual({
      c1: ['negative', 'negative'],
      c2: ['negative', 'positive'],
      c3: ['neutral', 'neutral'],
      c4: ['negative', 'neutral'],
    });
    expect(k.sentimentTurnedAround).toEqual({ startedNegative: 3, turned: 1, rate: 1 / 3 });
    expect(body.costs).toMatchObject({
      loadedHourlyCost: 40,
      referenceCosts: { phone: 6, email: 4, chat: 3 },
    });
  });

  it('business-hours clock and in/out-of-hours filters', async () => {
    const { body } = await api(admin.cookie, 'GET', `/analytics/summary?${RANGE}&clock=business`);
    const k = body.kpis;
    // First responses in business time: C1 1800; C2 Mon 16:00–17:00 + Tue 09:00–09:30 = 5400; C4 300.
    // Sorted [300, 1800, 5400]: mean 2500, median 1800, p90 = 1800 + 0.8 × 3600 = 4680.
    expect(k.firstResponse).toEqual({ count: 3, mean: 2500, median: 1800, p90: 4680 });
    // Resolutions: C1 2400; C2 3600 + 28800 = 32400; C3 0 (all closed hours); C4 360.
    // Sorted [0, 360, 2400, 32400]: mean 8790, median 1380, p90 = 2400 + 0.7 × 30000 = 23400.
    expect(k.resolution).toMatchObject({ count: 4, mean: 8790, median: 1380 });
    expect(k.resolution.p90).toBeCloseTo(23400, 6);
    // Resolved in business hours: C1 09:40 and 12:30, C4 Wed 10:06; out: C2 Tue 18:00, C3 Wed 08:00.
    const inHours = (await api(admin.cookie, 'GET', `/analytics/summary?${RANGE}&hours=in`)).body.kpis;
    const outHours = (await api(admin.cookie, 'GET', `/analytics/summary?${RANGE}&hours=out`)).body.kpis;
    expect([inHours.resolutions, outHours.resolutions]).toEqual([3, 2]);
    // Inbound out of hours: only C3's Tue 20:00 message.
    expect(outHours.volume.inboundMessages).toBe(1);
  });

  it('breakdowns by visibility and agent, with productivity', async () => {
    const vis = (await api(admin.cookie, 'GET', `/analytics/breakdown?${RANGE}&groupBy=visibility`)).body
      .rows;
    const byKey = Object.fromEntries(vis.map((r: any) => [r.key, r]));
    expect(byKey.public.volume).toEqual({ inboundMessages: 2, newConversations: 1 });
    expect(byKey.private.volume).toEqual({ inboundMessages: 6, newConversations: 4 });
    const agents = (await api(admin.cookie, 'GET', `/analytics/agents?${RANGE}`)).body.rows;
    const one = agents.find((r: any) => r.key === a1.userId);
    const two = agents.find((r: any) => r.key === a2.userId);
    // A1: replies C1 ×2 + C4; resolutions C1 ×2 (assignee) + C4 (resolver); 6 h online.
    expect(one.replies).toBe(3);
    expect(one.resolutions).toBe(3);
    expect(one.firstResponse).toMatchObject({ count: 2, mean: (1800 + 300) / 2 });
    expect(one.handleTime).toEqual({ totalSeconds: 2700, ahtSeconds: 900 });
    expect(one.productivity.resolvedPerOnlineHour).toBe(0.5);
    expect(one.productivity.occupancy).toBeCloseTo(2940 / 21600, 12);
    expect(one.productivity.concurrency).toBeCloseTo(3060 / 2940, 12);
    // A2: 1 resolution in 3.5 h online; busy 1800 of 12600 s; never two at once.
    expect(two.resolutions).toBe(1);
    expect(two.productivity.resolvedPerOnlineHour).toBeCloseTo(1 / 3.5, 12);
    expect(two.productivity.occupancy).toBeCloseTo(1800 / 12600, 12);
    expect(two.productivity.concurrency).toBe(1);
    expect(one.label).toMatch(/agent/);
  });

  it('time series, heatmap and backlog in the account time zone', async () => {
    const series = (await api(admin.cookie, 'GET', `/analytics/timeseries?${RANGE}&grain=day`)).body.points;
    expect(series.map((p: any) => p.bucket)).toEqual([
      '2026-03-02T00:00',
      '2026-03-03T00:00',
      '2026-03-04T00:00',
    ]);
    // Mon: C1 ×2, C2 → 3 in; Tue: C2, C3 → 2; Wed: C4 ×2, C5 → 3.
    expect(series.map((p: any) => p.inboundMessages)).toEqual([3, 2, 3]);
    expect(series.map((p: any) => p.resolutions)).toEqual([2, 1, 2]);
    const hourly = (await api(admin.cookie, 'GET', `/analytics/timeseries?${RANGE}&grain=15m`)).body.points;
    expect(hourly).toHaveLength(3 * 96);
    const cells = (await api(admin.cookie, 'GET', `/analytics/heatmap?${RANGE}`)).body.cells;
    const cell = (weekday: number, hour: number) =>
      cells.find((c: any) => c.weekday === weekday && c.hour === hour).inboundMessages;
    expect([cell(1, 9), cell(1, 12), cell(1, 16), cell(2, 10), cell(2, 20), cell(3, 10)]).toEqual([
      1, 1, 1, 1, 1, 3,
    ]);
    expect(cells.reduce((n: number, c: any) => n + c.inboundMessages, 0)).toBe(8);
    // Backlog at each day's end: Mon C2 open since 16:00 (8 h); Tue C3 since 20:00 (4 h);
    // Wed measured now (12:00): C5 since 10:02 (7080 s).
    const backlog = (await api(admin.cookie, 'GET', `/analytics/backlog?${RANGE}&grain=day`)).body.points;
    expect(backlog.map((p: any) => [p.open, p.oldestAgeSeconds])).toEqual([
      [1, 28800],
      [1, 14400],
      [1, 7080],
    ]);
    const dist = (await api(admin.cookie, 'GET', `/analytics/distribution?${RANGE}&metric=first_response`))
      .body;
    // 300 s is "5–15 min", 1800 s "30–60 min", 63000 s "8–24 h".
    expect(dist.bands.filter((b: any) => b.count > 0)).toEqual([
      { band: '5–15 min', count: 1 },
      { band: '30–60 min', count: 1 },
      { band: '8–24 h', count: 1 },
    ]);
  });

  it('exports CSV of reports and of conversations with their metrics', async () => {
    const res = await api(admin.cookie, 'GET', `/analytics/summary?${RANGE}&format=csv`);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const [header, line] = res.text.trim().split('\r\n');
    const columns = header!.split(',');
    expect(line!.split(',')[columns.indexOf('firstResponse.median')]).toBe('1800');
    const conv = await api(admin.cookie, 'GET', `/analytics/conversations?${RANGE}&format=csv`);
    const rows = conv.text.trim().split('\r\n');
    expect(rows).toHaveLength(6);
    const cols = rows[0]!.split(',');
    const c4 = rows.find((r) => r.startsWith(ids.c4!))!.split(',');
    expect(c4[cols.indexOf('is_first_contact_resolution')]).toBe('true');
    expect(c4[cols.indexOf('csat_score')]).toBe('5');
  });
});
