// bench:analytics — 1,000,000 conversations and 5,000,000 messages (and their reporting events)
// seeded in PostgreSQL, then every dashboard report timed over the last 30 days through the HTTP
// API. Prints one JSON line; progress on stderr. Needs DATABASE_URL or TEST_DATABASE_URL.
import { loadavg } from 'node:os';
import { SingleBar } from 'cli-progress';
import { sql } from 'kysely';
import pg from 'pg';
import { addMember, createAccount } from '../server/src/accounts/index.ts';
import {
  defaultAnalyticsSettings,
  kpiBreakdown,
  type ReportFilter,
  rebuildRollup,
  timeSeries,
} from '../server/src/analytics/index.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { connect, migrate } from '../server/src/db/index.ts';
import { signIn, TEST_SECRET_KEY } from '../server/src/http/testing.ts';
import { createRuntime } from '../server/src/runtime/start.ts';
import { runSeed, seedStatements } from './analytics-seed.ts';

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) {
  process.stderr.write('bench:analytics needs DATABASE_URL or TEST_DATABASE_URL (PostgreSQL)\n');
  process.exit(2);
}
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SCHEMA = 'bench_analytics';
const TARGET_MS = 1000;

// BENCH_REUSE=1 times the reports again on the data a previous run seeded (no reseeding).
const isReuse = process.env.BENCH_REUSE === '1';
if (!isReuse) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  await admin.end();
}
const db = await connect({ databaseUrl: url, schema: SCHEMA, poolSize: 6 });
await migrate(db);

let accountId: string;
let now: Date;
let seedSeconds: number | null = null;
let rollupSeconds: number | null = null;
if (isReuse) {
  const previous = await db.kysely
    .selectFrom('accounts')
    .select(['id', 'settings'])
    .where('slug', 'like', 'bench-analytics-%')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!previous?.settings.benchSeededAt) throw new Error('BENCH_REUSE=1 but no seeded bench account');
  accountId = previous.id;
  now = new Date(String(previous.settings.benchSeededAt));
} else {
  now = new Date();
  const account = await createAccount(db.kysely, {
    name: 'Bench analytics',
    slug: `bench-analytics-${Date.now()}`,
  });
  accountId = account.id;
  await db.kysely
    .updateTable('accounts')
    .set({ time_zone: 'Europe/London', settings: JSON.stringify({ benchSeededAt: now.toISOString() }) })
    .where('id', '=', accountId)
    .execute();
  // Seed on one session with foreign-key triggers off (bulk load), and without the full-text
  // index on messages (search is not part of these reports; it would only slow the load).
  const seeder = new pg.Client({ connectionString: url });
  await seeder.connect();
  await seeder.query(`SET search_path TO ${SCHEMA}`);
  await seeder.query('SET session_replication_role = replica');
  await seeder.query("SET maintenance_work_mem = '256MB'");
  await seeder.query('DROP INDEX IF EXISTS messages_text_search');
  const statements = seedStatements(accountId, now, { conversations: CONVERSATIONS, agents: 60, days: 365 });
  const bar = new SingleBar({
    format: 'seed [{bar}] {value}/{total} {step}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  bar.start(statements.length, 0, { step: '' });
  const seedStarted = performance.now();
  await runSeed(seeder, statements, (label, index) => bar.update(index, { step: label }));
  bar.update(statements.length, { step: 'done' });
  bar.stop();
  seedSeconds = (performance.now() - seedStarted) / 1000;
  await seeder.end();
  // The seed writes reporting events in bulk, not through the recorder: derive the 15-minute rollup
  // (and the summaries' business-hours flags) from them, as `parley analytics rebuild --rollup-only` does.
  process.stderr.write('rollup from the seeded events…\n');
  const rollupStarted = performance.now();
  await rebuildRollup(db.kysely, accountId);
  rollupSeconds = (performance.now() - rollupStarted) / 1000;
}
// What autovacuum would do in time, now: the rollup fill (or migration 0015 on a reused seed)
// rewrote every summary row, and a fresh table has no statistics. Cheap when already clean.
await sql`VACUUM ANALYZE analytics_conversations, analytics_rollup_15m`.execute(db.kysely);
const supervisor = await addMember(db.kysely, {
  accountId,
  email: `bench-supervisor-${Date.now()}@example.test`,
  name: 'Bench supervisor',
  role: 'supervisor',
  password: 'correct horse battery',
});
const counts = await db.kysely
  .selectFrom('accounts')
  .select((eb) => [
    eb
      .selectFrom('conversations')
      .select(eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .as('conversations'),
    eb
      .selectFrom('messages')
      .select(eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .as('messages'),
    eb
      .selectFrom('analytics_events')
      .select(eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .as('events'),
  ])
  .where('id', '=', accountId)
  .executeTakeFirstOrThrow();

const runtime = await createRuntime({
  config: loadConfig({ LOG_LEVEL: 'silent', PARLEY_SECRET_KEY: TEST_SECRET_KEY }),
  db,
  secretKey: TEST_SECRET_KEY,
  logger: false,
  runWorkers: false,
});
const cookie = await signIn(
  { runtime, app: runtime.app, close: () => runtime.stop() },
  supervisor.email,
  'correct horse battery',
);
const to = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
const from = new Date(to.getTime() - 30 * 86_400_000);
const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
// What the dashboard asks for when it opens on the last 30 days.
const reports: Record<string, string> = {
  summary: `/analytics/summary?${range}`,
  timeseries_day: `/analytics/timeseries?${range}&grain=day`,
  timeseries_60m: `/analytics/timeseries?${range}&grain=60m`,
  heatmap: `/analytics/heatmap?${range}`,
  backlog_60m: `/analytics/backlog?${range}&grain=60m`,
  distribution_first_response: `/analytics/distribution?${range}&metric=first_response`,
  agents: `/analytics/agents?${range}`,
  teams: `/analytics/teams?${range}`,
  channels: `/analytics/channels?${range}`,
  breakdown_visibility: `/analytics/breakdown?${range}&groupBy=visibility`,
  summary_business_clock: `/analytics/summary?${range}&clock=business&hours=in`,
};
const timings: Record<string, { first_ms: number; median_ms: number }> = {};
const reportBar = new SingleBar({
  format: 'reports [{bar}] {value}/{total} {name}',
  stream: process.stderr,
  hideCursor: true,
});
reportBar.start(Object.keys(reports).length, 0, { name: '' });
let checked: Record<string, unknown> = {};
for (const [name, path] of Object.entries(reports)) {
  reportBar.increment(0, { name });
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    const res = await runtime.app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { cookie } });
    runs.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (name === 'summary' && i === 0) {
      const kpis = (res.json() as { kpis: Record<string, { count?: number } | number> }).kpis;
      checked = {
        new_conversations_30d: (kpis.volume as unknown as { newConversations: number }).newConversations,
      };
    }
  }
  const sorted = [...runs].sort((x, y) => x - y);
  timings[name] = {
    first_ms: Math.round(runs[0]!),
    median_ms: Math.round(sorted[Math.floor(sorted.length / 2)]!),
  };
  reportBar.increment(1, { name });
}
reportBar.stop();
// The rollup must give exactly what the raw events give: compare the summary (both clocks, in
// hours) and the hourly series with and without it, at this scale.
const base: ReportFilter = {
  accountId,
  timeZone: 'Europe/London',
  from,
  to,
  grain: '60m',
  clock: 'wall',
  hours: 'all',
  fcrWindowDays: defaultAnalyticsSettings.fcrWindowDays,
  now,
};
let isRollupExact = true;
for (const filter of [base, { ...base, clock: 'business' as const, hours: 'in' as const }]) {
  const [rolled, raw] = await Promise.all([
    kpiBreakdown(db.kysely, filter, defaultAnalyticsSettings),
    kpiBreakdown(db.kysely, { ...filter, skipRollup: true }, defaultAnalyticsSettings),
  ]);
  isRollupExact &&= JSON.stringify(rolled) === JSON.stringify(raw);
}
const [series, rawSeries] = await Promise.all([
  timeSeries(db.kysely, base),
  timeSeries(db.kysely, { ...base, skipRollup: true }),
]);
isRollupExact &&= JSON.stringify(series) === JSON.stringify(rawSeries);
await runtime.stop();

const worst = Math.max(...Object.values(timings).map((t) => t.median_ms));
process.stdout.write(
  `${JSON.stringify({
    bench: 'analytics',
    engine: 'postgres',
    conversations: Number(counts.conversations),
    messages: Number(counts.messages),
    reporting_events: Number(counts.events),
    ...checked,
    range_days: 30,
    seed_s: seedSeconds === null ? null : Math.round(seedSeconds),
    rollup_s: rollupSeconds === null ? null : Math.round(rollupSeconds),
    rollup_equals_raw: isRollupExact,
    reused_seed: isReuse,
    repeats: REPEATS,
    reports_ms: timings,
    worst_median_ms: worst,
    target_ms: TARGET_MS,
    within_target: worst <= TARGET_MS,
    load_avg_1m_at_end: Number(loadavg()[0]!.toFixed(2)),
    cpus_note: 'shared 2-core machine; timings are noisy',
  })}\n`,
);
