// The 15-minute rollup must give exactly what the raw reporting events give. A randomized log
// (customers writing through the webhook, plus replies, assignments, resolutions, reopens, priority
// changes and SLA outcomes at random moments over four days, in and out of business hours, in a
// zone 5 h 45 min from UTC) is recorded by the follower in batches of random size; then every
// report is computed with and without the rollup, over aligned and unaligned ranges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivityInput, appendActivity } from '../activity/index.ts';
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
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import {
  defaultAnalyticsSettings,
  kpiBreakdown,
  type ReportFilter,
  rebuildAnalytics,
  rebuildRollup,
  timeSeries,
  volumeHeatmap,
} from './index.ts';

const SEED = Number(process.env.ROLLUP_TEST_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator (mulberry32): a failing run can be repeated with ROLLUP_TEST_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

describe.each(testEngines())('analytics rollup on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T03:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  it(`gives the same reports as the raw events on a randomized log (seed ${SEED})`, async () => {
    const random = generator(SEED);
    const db = server.runtime.ctx.db.kysely;
    const account = await seedAccount(server);
    const accountId = account.accountId;
    const agents = [
      (await addUser(server, accountId, 'agent')).userId,
      (await addUser(server, accountId, 'agent')).userId,
    ];
    const teams = (
      await db
        .insertInto('teams')
        .values([
          { account_id: accountId, name: 'Billing' },
          { account_id: accountId, name: 'Delivery' },
        ])
        .returning('id')
        .execute()
    ).map((t) => t.id);
    await db
      .updateTable('accounts')
      .set({ time_zone: 'Asia/Kathmandu' })
      .where('id', '=', accountId)
      .execute();
    await db
      .insertInto('business_calendars')
      .values({
        account_id: accountId,
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
    await server.app.inject({
      method: 'PUT',
      url: '/api/v1/analytics/settings',
      headers: { cookie: account.cookie },
      payload: { csat: { isEnabled: true } },
    });
    const channels = [
      await createApiChannel(server, account.cookie),
      await createApiChannel(server, account.cookie),
    ];
    const texts = [
      'Where is my parcel?',
      'I want a refund',
      'Thanks, great!',
      '4',
      '2/5',
      'This is awful',
      'hello?',
    ];
    const customers = Array.from({ length: 10 }, (_, i) => ({
      author: `rollup-${SEED}-${i}`,
      channel: channels[i % 2]!,
    }));
    const write = async (customer: (typeof customers)[number]) => {
      await postWebhook(
        server,
        customer.channel,
        apiMessage({
          authorId: customer.author,
          text: random.pick(texts),
          isPublic: random.next() < 0.4,
          occurredAt: clock().toISOString(),
        }),
      );
      await drainInbound(server);
    };
    for (const customer of customers) {
      clock.advance(random.int(40) * 60_000 + random.int(60_000));
      await write(customer);
    }
    const conversations = (
      await db
        .selectFrom('conversations')
        .select('id')
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .execute()
    ).map((c) => c.id);

    // Four days of things happening, recorded in batches of whatever size the drains find.
    for (let step = 0; step < 160; step++) {
      clock.advance(random.int(50) * 60_000 + random.int(60_000));
      const conversationId = random.pick(conversations);
      const at = clock();
      const row = (
        kind: ActivityInput['kind'],
        data: Record<string, unknown> = {},
        actorUserId?: string,
      ): ActivityInput => ({
        accountId,
        conversationId,
        kind,
        occurredAt: at,
        data,
        ...(actorUserId ? { actorUserId } : {}),
      });
      const roll = random.next();
      if (roll < 0.15) await write(random.pick(customers));
      else {
        const rows =
          roll < 0.4
            ? [row('reply.sent', {}, random.pick(agents))]
            : roll < 0.5
              ? [
                  row('conversation.assigned', {
                    to: random.pick([...agents, null]),
                    teamTo: random.pick([...teams, null]),
                  }),
                ]
              : roll < 0.62
                ? [
                    row('conversation.status_changed', {
                      from: 'open',
                      to: random.pick(['resolved', 'closed']),
                    }),
                  ]
                : roll < 0.7
                  ? [row('conversation.status_changed', { from: 'resolved', to: 'open' })]
                  : roll < 0.76
                    ? [row('conversation.reopened')]
                    : roll < 0.82
                      ? [row('conversation.priority_changed', { to: random.pick(['urgent', 'high', 'low']) })]
                      : roll < 0.9
                        ? [
                            row('message.received', {
                              isCase: random.next() < 0.85,
                              intent: random.pick(['refund', 'delivery', 'question']),
                              sentiment: random.pick(['negative', 'neutral', 'positive']),
                            }),
                          ]
                        : [
                            row(random.pick(['sla.met', 'sla.breached'] as const), {
                              metric: random.pick(['first_response', 'next_response', 'resolution']),
                              dueAt: at.toISOString(),
                            }),
                          ];
        await db.transaction().execute((trx) => appendActivity(trx, rows));
      }
      if (random.next() < 0.3) await drainActivity(server);
    }
    await drainActivity(server);

    const start = new Date('2026-03-01T18:15:00Z'); // midnight in Kathmandu
    const end = clock();
    const base: ReportFilter = {
      accountId,
      timeZone: 'Asia/Kathmandu',
      from: start,
      to: new Date(Math.ceil(end.getTime() / 86_400_000) * 86_400_000),
      grain: '60m',
      clock: 'wall',
      hours: 'all',
      fcrWindowDays: 7,
      now: end,
    };
    const unaligned = {
      ...base,
      from: new Date(start.getTime() + 7 * 3_600_000 + 7 * 60_000 + 13_000),
      to: new Date(end.getTime() - 3_599_000),
    };
    const short = {
      ...base,
      from: new Date(start.getTime() + 25 * 3_600_000 + 20 * 60_000),
      to: new Date(start.getTime() + 25 * 3_600_000 + 50 * 60_000),
    };
    const summaryFilters: ReportFilter[] = [];
    for (const range of [base, unaligned, short])
      for (const hours of ['all', 'in', 'out'] as const)
        summaryFilters.push({ ...range, hours, clock: hours === 'in' ? 'business' : 'wall' });
    for (const groupBy of [
      'channel',
      'provider',
      'visibility',
      'team',
      'agent',
      'priority',
      'intent',
      'label',
    ] as const)
      summaryFilters.push({ ...unaligned, groupBy }, { ...base, groupBy, hours: 'in' });
    summaryFilters.push(
      { ...unaligned, channelId: channels[0]!.id },
      { ...unaligned, visibility: 'public', groupBy: 'visibility' },
      { ...unaligned, agentId: agents[0]!, groupBy: 'agent' },
      { ...base, teamId: teams[1]!, hours: 'out' },
      { ...base, intent: 'refund', priority: 'high' },
      { ...unaligned, priority: 'normal', groupBy: 'channel' },
    );
    const settings = defaultAnalyticsSettings;
    const snapshot = async () => {
      const out: unknown[] = [];
      for (const filter of summaryFilters) out.push(await kpiBreakdown(db, filter, settings));
      for (const grain of ['15m', '30m', '60m', 'day', 'week'] as const)
        for (const range of [base, unaligned]) out.push(await timeSeries(db, { ...range, grain }));
      out.push(await volumeHeatmap(db, unaligned), await volumeHeatmap(db, { ...base, hours: 'out' }));
      return out;
    };
    /** Every report with and without the rollup. */
    const compare = async () => {
      const rolled = await snapshot();
      const raw: unknown[] = [];
      for (const filter of summaryFilters)
        raw.push(await kpiBreakdown(db, { ...filter, skipRollup: true }, settings));
      for (const grain of ['15m', '30m', '60m', 'day', 'week'] as const)
        for (const range of [base, unaligned])
          raw.push(await timeSeries(db, { ...range, grain, skipRollup: true }));
      raw.push(
        await volumeHeatmap(db, { ...unaligned, skipRollup: true }),
        await volumeHeatmap(db, { ...base, hours: 'out', skipRollup: true }),
      );
      expect(rolled).toEqual(raw);
      return rolled;
    };
    const rolled = await compare();

    // Not vacuous: the log produced every counted kind, in and out of business hours.
    const total = (rolled[0] as Awaited<ReturnType<typeof kpiBreakdown>>)[0]!;
    expect(total.volume.inboundMessages).toBeGreaterThan(20);
    expect(total.replies).toBeGreaterThan(10);
    const sla = Object.values(total.sla).reduce((n, a) => n + a.met + a.breached, 0);
    expect(sla).toBeGreaterThan(0);
    expect(total.reopen.reopens + total.csat.sent).toBeGreaterThan(0);
    const inHours = (rolled[1] as Awaited<ReturnType<typeof kpiBreakdown>>)[0]!;
    expect(inHours.volume.inboundMessages).toBeGreaterThan(0);
    expect(inHours.volume.inboundMessages).toBeLessThan(total.volume.inboundMessages);

    // The rollup the follower kept batch by batch is the one a rebuild computes from the events.
    const rollupRows = () =>
      db
        .selectFrom('analytics_rollup_15m')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy(['dimension', 'bucket_start', 'value', 'is_business_hours'])
        .execute();
    const kept = await rollupRows();
    expect(kept.length).toBeGreaterThan(50);
    await rebuildRollup(db, accountId);
    expect(await rollupRows()).toEqual(kept);
    // Replaying the whole log (the audit) rewrites the rollup with the events, consistently.
    await rebuildAnalytics(db, { accountId, clock });
    const replayed = await rollupRows();
    await rebuildRollup(db, accountId);
    expect(await rollupRows()).toEqual(replayed);
    await compare();
  }, 240_000);
});
