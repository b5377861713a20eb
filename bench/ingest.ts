// bench:ingest — end-to-end inbound rate (signed webhook → stored, threaded, realtime event
// published) on PostgreSQL and PGlite, webhook ack latency at a fixed request rate, and the raw
// single-row INSERT rate of the same database measured in the same run as the ceiling.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { cpuMs, cpuMsSince, cpuSnapshot } from './lib/cpu.ts';
import { followersCaughtUp } from './lib/followers.ts';
import { createMixedChannels, mixedDelivery, postDelivery } from './lib/mixed-deliveries.ts';
import {
  createApiChannel,
  dropTarget,
  freshTarget,
  messageBody,
  percentile,
  postSigned,
  seedAdmin,
  signIn,
  startServer,
  type Target,
} from './lib/server-process.ts';
import { countMessagesCreated } from './lib/stream-counter.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 6000);
// Platforms send continuously: the figures are for a warm server (JIT-compiled code, caches), so
// this many events go first, are published and followed, and are left out of every figure.
const WARMUP_EVENTS = Number(process.env.BENCH_WARMUP_EVENTS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 48);
const ACK_RATE_PER_S = 500;
const ACK_SECONDS = 6;
const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

async function rawInsertRate(target: Target, concurrency: number): Promise<number> {
  const rows = 4000;
  if (target.engine === 'pglite') {
    const db = await PGlite.create({ dataDir: mkdtempSync(join(tmpdir(), 'parley-raw-')) });
    await db.exec('CREATE TABLE raw_insert (id bigserial PRIMARY KEY, body text NOT NULL)');
    const started = performance.now();
    for (let i = 0; i < rows; i++)
      await db.query('INSERT INTO raw_insert (body) VALUES ($1)', [messageBody(i, 100, 'raw')]);
    const rate = rows / ((performance.now() - started) / 1000);
    await db.close();
    return rate;
  }
  const pool = new pg.Pool({ connectionString: target.env.DATABASE_URL, max: concurrency });
  pool.on('error', () => undefined); // the database is dropped right after this run
  await pool.query('CREATE TABLE raw_insert (id bigserial PRIMARY KEY, body text NOT NULL)');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < rows; i = next++) {
        await pool.query('INSERT INTO raw_insert (body) VALUES ($1)', [messageBody(i, 100, 'raw')]);
      }
    }),
  );
  const rate = rows / ((performance.now() - started) / 1000);
  await pool.query('DROP TABLE raw_insert');
  await pool.end();
  return rate;
}

async function analyzeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('ANALYZE');
  await client.end();
}

/** Post events `from`…`from + count - 1` with CONCURRENCY senders, each retried until answered 200. */
async function sendAll(
  baseUrl: string,
  channel: { id: string; secret: string },
  from: number,
  count: number,
  runId: string,
): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < from + count; i = next++)
        while ((await postSigned(baseUrl, channel, messageBody(i, 2000, runId))).status !== 200);
    }),
  );
}

async function runEngine(engine: 'postgres' | 'pglite', port: number) {
  const target = await freshTarget(engine, port);
  const password = seedAdmin(target, 'bench@parley.test');
  const server = await startServer(target);
  try {
    const cookie = await signIn(server.baseUrl, 'bench@parley.test', password);
    const channel = await createApiChannel(server.baseUrl, cookie);
    const counter = await countMessagesCreated(server.baseUrl, cookie);
    const runId = `run${Date.now()}`;

    // 0. Warm-up, left out of the figures.
    await sendAll(server.baseUrl, channel, 0, WARMUP_EVENTS, `${runId}w`);
    await counter.reached(WARMUP_EVENTS, 300_000);
    await followersCaughtUp(server.baseUrl, 300_000);
    const base = WARMUP_EVENTS;
    // A database that just went from empty to thousands of rows has no statistics until
    // autovacuum gets to it, and when that happens mid-run the plans (and the figures) change.
    // Measure the steady state a running install is in: statistics as autovacuum would leave them.
    if (target.engine === 'postgres') await analyzeDatabase(target.env.DATABASE_URL!);

    // 1. Throughput: as fast as CONCURRENCY senders can go, until every message is published.
    const bar = new SingleBar({ format: `${engine} ingest [{bar}] {value}/{total}`, stream: process.stderr });
    bar.start(EVENTS, 0);
    let next = 0;
    let refused = 0;
    const serverPid = { pid: server.child.pid ?? 0 };
    const cpuBefore = {
      server: cpuMs(serverPid),
      postgres: cpuSnapshot('postgres'),
      bench: process.cpuUsage(),
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < EVENTS; i = next++) {
          for (;;) {
            const { status } = await postSigned(server.baseUrl, channel, messageBody(i, 2000, runId));
            if (status === 200) break;
            refused++;
          }
          bar.increment();
        }
      }),
    );
    const ackedAt = performance.now();
    await counter.reached(base + EVENTS, 300_000);
    const doneAt = performance.now();
    // The followers of the activity log (routing, SLA, automation, analytics) must keep up too,
    // or their backlog would grow without end: the sustained rate counts until they are done.
    await followersCaughtUp(server.baseUrl, 300_000);
    const followedAt = performance.now();
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpu = {
      server: cpuMs(serverPid) - cpuBefore.server,
      postgres: cpuMsSince(cpuBefore.postgres),
      sender: (benchCpu.user + benchCpu.system) / 1000,
    };
    bar.stop();

    // 2. Ack latency at a fixed open-loop rate (requests are sent on schedule, not after answers).
    const latencies: number[] = [];
    let ackFailures = 0;
    const total = ACK_RATE_PER_S * ACK_SECONDS;
    const pending: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / ACK_RATE_PER_S;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        postSigned(server.baseUrl, channel, messageBody(EVENTS + i, 2000, runId)).then(({ ms, status }) => {
          latencies.push(ms);
          if (status !== 200) ackFailures++;
        }),
      );
    }
    await Promise.all(pending);
    await counter.reached(base + EVENTS + total - ackFailures, 300_000);

    // 3. Mixed providers: the same number of events in X, Messenger, Facebook, Instagram and
    // WhatsApp wire formats (each verified and parsed by its own adapter), as fast as they go.
    const mixed = await createMixedChannels(server.baseUrl, cookie);
    const mixedBase = base + EVENTS + total - ackFailures;
    const mixedBar = new SingleBar({
      format: `${engine} mixed [{bar}] {value}/{total}`,
      stream: process.stderr,
    });
    mixedBar.start(EVENTS, 0);
    let nextMixed = 0;
    const mixedStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = nextMixed++; i < EVENTS; i = nextMixed++) {
          const delivery = mixedDelivery(mixed, i, 2000, `${runId}m`);
          while ((await postDelivery(server.baseUrl, delivery)) !== 200) refused++;
          mixedBar.increment();
        }
      }),
    );
    await counter.reached(mixedBase + EVENTS, 300_000);
    const mixedSeconds = (performance.now() - mixedStarted) / 1000;
    mixedBar.stop();
    counter.close();
    await server.stop();
    const raw = await rawInsertRate(target, engine === 'postgres' ? 12 : 1);
    const seconds = (doneAt - started) / 1000;
    process.stderr.write(
      `${engine}: ${EVENTS} events in ${seconds.toFixed(1)} s; ack phase failures ${ackFailures}\n`,
    );
    return {
      events_per_s: Math.round(EVENTS / seconds),
      followers_caught_up_events_per_s: Math.round(EVENTS / ((followedAt - started) / 1000)),
      webhook_accept_per_s: Math.round(EVENTS / ((ackedAt - started) / 1000)),
      ack_p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      ack_p99_ms: Number(percentile(latencies, 99).toFixed(2)),
      ack_rate_per_s: ACK_RATE_PER_S,
      ack_failed_requests: ackFailures,
      raw_insert_rows_per_s: Math.round(raw),
      ingest_to_raw_insert_ratio: Number((EVENTS / seconds / raw).toFixed(2)),
      refused_requests: refused,
      mixed_providers_events_per_s: Math.round(EVENTS / mixedSeconds),
      mixed_to_api_rate_ratio: Number((EVENTS / mixedSeconds / (EVENTS / seconds)).toFixed(2)),
      // CPU per event in the throughput phase: what the rate would be on an idle machine's cores.
      server_cpu_ms_per_event: Number((cpu.server / EVENTS).toFixed(3)),
      ...(engine === 'postgres'
        ? { postgres_cpu_ms_per_event: Number((cpu.postgres / EVENTS).toFixed(3)) }
        : {}),
      sender_cpu_ms_per_event: Number((cpu.sender / EVENTS).toFixed(3)),
    };
  } finally {
    await server.stop();
    await dropTarget(target);
  }
}

const result: Record<string, unknown> = { events: EVENTS, concurrency: CONCURRENCY };
let port = 3901;
for (const engine of engines) {
  const figures = await runEngine(engine, port++);
  for (const [key, value] of Object.entries(figures)) result[`${engine}_${key}`] = value;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
