// bench:routing — 50 agents and 5,000 new conversations an hour, simulated (time-compressed with a
// manual clock), with routing running for real on the database: signed webhooks → inbound worker →
// the routing/SLA follower assigns → simulated agents reply and resolve → the sweep re-examines the
// queue and fires SLA alerts. PostgreSQL via DATABASE_URL (a scratch schema, dropped after), else
// in-memory PGlite. Prints one JSON line; progress on stderr.
//
// Agent model: every agent is online all hour with capacity chat 3 / social 8 (60% of conversations
// are public comments → social, 40% private messages → chat). An agent answers each assigned
// conversation after an exponentially distributed handling time (mean HANDLE_MEAN_S, simulated;
// conversations are worked in parallel up to capacity) and resolves it WRAP_S seconds after the
// reply, which frees the capacity. SLA targets: 60 min first response for public, 2 h for private
// (the defaults for X/Instagram comments and private messages); business hours 24/7.
import { randomBytes } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import type { KyselyPlugin } from 'kysely';
import pg from 'pg';
import { addMember, createAccount } from '../server/src/accounts/index.ts';
import { signApiBody } from '../server/src/channels/index.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { connect, type Database, migrate } from '../server/src/db/index.ts';
import { createReply, setConversationStatus } from '../server/src/inbox/index.ts';
import {
  ROUTING_FOLLOWER_NAME,
  routingSweep,
  SLA_FOLLOWER_NAME,
  setPresence,
} from '../server/src/routing/index.ts';
import { createRuntime } from '../server/src/runtime/start.ts';

const AGENTS = Number(process.env.ROUTING_AGENTS ?? 50);
const PER_HOUR = Number(process.env.ROUTING_PER_HOUR ?? 5000);
const HOURS = Number(process.env.ROUTING_HOURS ?? 1);
const HANDLE_MEAN_S = Number(process.env.ROUTING_HANDLE_MEAN_S ?? 150);
const WRAP_S = 60;
const SWEEP_EVERY_S = 15;
const WINDOW_S = Number(process.env.ROUTING_WINDOW_S ?? 5);
const SECRET = 'bench-routing-signing-secret-0123456789';

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const exponential = (mean: number) => -Math.log(1 - random()) * mean;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function openDatabase(): Promise<{ db: Database; engine: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await connect({});
    await migrate(db);
    return { db, engine: 'pglite', drop: async () => undefined };
  }
  const schema = `bench_routing_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await connect({ databaseUrl: url, schema, poolSize: 8 });
  await migrate(db);
  return {
    db,
    engine: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

type Event = { at: number; kind: 'reply' | 'resolve'; conversationId: string; agentId: string };

const opened = await openDatabase();
const { engine, drop } = opened;
// Counts the statements each follower sends (BEGIN/COMMIT not included: add two per transaction).
let statements = 0;
const countStatements: KyselyPlugin = {
  transformQuery: (args) => {
    statements += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};
const db: Database = { ...opened.db, kysely: opened.db.kysely.withPlugin(countStatements) };
let now = Date.parse('2026-03-02T08:00:00Z');
const clock = () => new Date(now);
const runtime = await createRuntime({
  config: loadConfig({ LOG_LEVEL: 'silent', PARLEY_SECRET_KEY: SECRET }),
  db,
  secretKey: SECRET,
  logger: false,
  runWorkers: false,
  clock,
});
try {
  const kysely = db.kysely;
  const account = await createAccount(kysely, { name: 'Bench', slug: `bench-${Date.now()}` });
  const admin = await addMember(kysely, {
    accountId: account.id,
    email: 'admin@bench.test',
    name: 'Admin',
    role: 'admin',
    password: 'bench password 1',
  });
  const login = await runtime.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'admin@bench.test', password: 'bench password 1' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const api = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
    const res = await runtime.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      payload: payload as object,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const channel = await api('POST', '/channels', {
    provider: 'api',
    name: 'Bench',
    settings: {},
    secrets: { signingSecret: SECRET },
  });
  await api('POST', '/routing/sla-policies', {
    name: 'Social defaults',
    isDefault: true,
    rules: [
      {
        name: 'Public comments',
        match: { visibility: 'public' },
        targets: { firstResponseMs: 3_600_000, nextResponseMs: 3_600_000, resolutionMs: 86_400_000 },
      },
      {
        name: 'Private messages',
        match: { visibility: 'private' },
        targets: { firstResponseMs: 7_200_000, nextResponseMs: 7_200_000, resolutionMs: 86_400_000 },
      },
    ],
  });
  await api('PUT', '/routing/settings/account/current', { awayAfterMinutes: 600, offlineAfterMinutes: 1200 });
  const agents: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const agent = await addMember(kysely, {
      accountId: account.id,
      email: `agent${i}@bench.test`,
      name: `Agent ${i}`,
      role: 'agent',
    });
    agents.push(agent.id);
    await kysely.transaction().execute((trx) =>
      setPresence(trx, {
        accountId: account.id,
        userId: agent.id,
        status: 'online',
        setBy: 'system',
        now: clock(),
      }),
    );
  }
  void admin;
  const consumer = (name: string) => {
    const found = runtime.consumers.find(
      (c) => (c as unknown as { options: { name: string } }).options.name === name,
    );
    if (!found) throw new Error(`follower ${name} not found`);
    return found;
  };
  const follower = consumer(ROUTING_FOLLOWER_NAME);
  const slaFollower = consumer(SLA_FOLLOWER_NAME);
  // Statements and activity rows per follower, over the whole run.
  const work = {
    routing: { statements: 0, rows: 0, transactions: 0 },
    sla: { statements: 0, rows: 0, transactions: 0 },
  };
  const measure = async (which: keyof typeof work, run: () => Promise<number>) => {
    const before = statements;
    const rows = await run();
    work[which].statements += statements - before;
    work[which].rows += rows;
    return rows;
  };
  const drainCounted = async (which: keyof typeof work, consumer: typeof follower) => {
    for (;;) {
      const rows = await measure(which, () => consumer.runOnce());
      if (rows === 0) return;
      work[which].transactions += 1;
    }
  };
  const settleFollowers = async () => {
    await drainCounted('routing', follower);
    await drainCounted('sla', slaFollower);
  };
  const sweep = routingSweep(runtime.ctx);

  // Poisson arrivals over the simulated hours. Time advances in windows of WINDOW_S simulated
  // seconds: the window's arrivals go through the webhook and one inbound batch, then the routing
  // follower's transaction assigns them (its wall time is each one's assignment latency); agent
  // replies and resolutions due in the window are applied at its end; the sweep runs every
  // SWEEP_EVERY_S.
  const start = now;
  const total = Math.round(PER_HOUR * HOURS);
  const arrivals: number[] = [];
  let t = start;
  for (let n = 0; n < total; n++) {
    t += exponential(3_600_000 / PER_HOUR);
    arrivals.push(t);
  }
  const agentEvents: Extract<Event, { kind: 'reply' | 'resolve' }>[] = [];
  const push = (event: Extract<Event, { kind: 'reply' | 'resolve' }>) => {
    let i = agentEvents.length;
    while (i > 0 && agentEvents[i - 1]!.at > event.at) i--;
    agentEvents.splice(i, 0, event);
  };

  const latencies: number[] = [];
  const phases = { webhook: 0, inbound: 0, follower: 0 };
  const queuedWaitS: number[] = [];
  const arrivedAt = new Map<string, number>();
  const assignedTo = new Map<string, string>();
  const perAgent = new Map<string, number>(agents.map((a) => [a, 0]));
  let peakQueue = 0;

  const collectAssignments = async () => {
    const rows = await kysely
      .selectFrom('conversations')
      .select(['id', 'assignee_id', 'created_at'])
      .where('account_id', '=', account.id)
      .where('routed_at', '=', clock())
      .where('assignee_id', 'is not', null)
      .execute();
    const fresh: string[] = [];
    for (const row of rows) {
      if (!row.assignee_id || assignedTo.has(row.id)) continue;
      assignedTo.set(row.id, row.assignee_id);
      perAgent.set(row.assignee_id, (perAgent.get(row.assignee_id) ?? 0) + 1);
      const arrived = arrivedAt.get(row.id) ?? row.created_at.getTime();
      queuedWaitS.push((now - arrived) / 1000);
      push({
        at: now + exponential(HANDLE_MEAN_S * 1000),
        kind: 'reply',
        conversationId: row.id,
        agentId: row.assignee_id,
      });
      fresh.push(row.id);
    }
    return fresh;
  };

  const bar = new SingleBar({
    stream: process.stderr,
    format: 'routing {bar} {value}/{total} conversations | queue {queue}',
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  bar.start(total, 0, { queue: 0 });
  const wallStart = performance.now();
  let next = 0;
  let lastSweep = start;
  for (
    let windowEnd = start + WINDOW_S * 1000;
    next < total || agentEvents.length > 0;
    windowEnd += WINDOW_S * 1000
  ) {
    const batch: number[] = [];
    while (next < total && arrivals[next]! <= windowEnd) batch.push(next++);
    now = windowEnd;
    if (batch.length > 0) {
      const p0 = performance.now();
      for (const n of batch) {
        const body = JSON.stringify({
          type: 'message',
          occurredAt: new Date(Math.round(arrivals[n]!)).toISOString(),
          author: { id: `customer-${n}`, name: `Customer ${n}` },
          message: { id: `m-${n}`, text: `Where is my order ${n}?`, isPublic: random() < 0.6 },
        });
        const res = await runtime.app.inject({
          method: 'POST',
          url: `/webhooks/api/${channel.id}`,
          headers: { 'content-type': 'application/json', 'x-parley-signature': signApiBody(SECRET, body) },
          payload: body,
        });
        if (res.statusCode !== 200) throw new Error(`webhook ${res.statusCode}`);
      }
      const p1 = performance.now();
      phases.webhook += p1 - p0;
      while ((await runtime.inbound[0]!.processBatch()) > 0) {
        // stored, threaded and committed
      }
      phases.inbound += performance.now() - p1;
      const ids = await kysely
        .selectFrom('messages')
        .select(['conversation_id', 'external_id'])
        .where('channel_id', '=', channel.id)
        .where(
          'external_id',
          'in',
          batch.map((n) => `m-${n}`),
        )
        .execute();
      for (const row of ids)
        arrivedAt.set(row.conversation_id, Math.round(arrivals[Number(row.external_id?.slice(2))]!));
      // Assignment latency: from the conversations' commit to the routing transaction's commit.
      const began = performance.now();
      if ((await measure('routing', () => follower.runOnce())) > 0) work.routing.transactions += 1;
      const elapsed = performance.now() - began;
      phases.follower += elapsed;
      const assignedNow = new Set(await collectAssignments());
      for (const row of ids) if (assignedNow.has(row.conversation_id)) latencies.push(elapsed);
      await settleFollowers();
      await collectAssignments();
    }
    const due: typeof agentEvents = [];
    while (agentEvents.length > 0 && agentEvents[0]!.at <= windowEnd) due.push(agentEvents.shift()!);
    if (due.length > 0) {
      await kysely.transaction().execute(async (trx) => {
        for (const event of due) {
          if (event.kind === 'reply') {
            await createReply(trx, {
              accountId: account.id,
              conversationId: event.conversationId,
              userId: event.agentId,
              text: 'Thanks, sorted!',
              now: clock(),
            });
          } else {
            await setConversationStatus(trx, {
              accountId: account.id,
              conversationId: event.conversationId,
              status: 'resolved',
              now: clock(),
              actorUserId: event.agentId,
            });
          }
        }
      });
      for (const event of due)
        if (event.kind === 'reply')
          push({
            at: now + WRAP_S * 1000,
            kind: 'resolve',
            conversationId: event.conversationId,
            agentId: event.agentId,
          });
      await settleFollowers();
      await collectAssignments();
    }
    if (now - lastSweep >= SWEEP_EVERY_S * 1000) {
      lastSweep = now;
      await sweep.runOnce();
      await settleFollowers();
      await collectAssignments();
    }
    peakQueue = Math.max(peakQueue, arrivedAt.size - assignedTo.size);
    bar.update(next, { queue: arrivedAt.size - assignedTo.size });
  }
  bar.stop();
  if (process.env.ROUTING_DEBUG) process.stderr.write(`${JSON.stringify({ phases, work })}\n`);
  const perRow = (w: (typeof work)['routing']) =>
    w.rows > 0 ? Math.round(((w.statements + 2 * w.transactions) / w.rows) * 100) / 100 : null;
  const wallS = (performance.now() - wallStart) / 1000;
  const attainment = await kysely
    .selectFrom('sla_attainment')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('account_id', '=', account.id)
    .where('metric', '=', 'first_response')
    .groupBy('outcome')
    .execute();
  const met = Number(attainment.find((a) => a.outcome === 'met')?.n ?? 0);
  const breached = Number(attainment.find((a) => a.outcome === 'breached')?.n ?? 0);
  const counts = [...perAgent.values()];
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length);
  process.stdout.write(
    `${JSON.stringify({
      engine,
      agents: AGENTS,
      conversations: total,
      simulated_hours: HOURS,
      assignment_latency_p50_ms: Math.round(percentile(latencies, 50) * 10) / 10,
      assignment_latency_p99_ms: Math.round(percentile(latencies, 99) * 10) / 10,
      assigned_on_arrival: latencies.length,
      arrival_window_simulated_s: WINDOW_S,
      assigned_after_queueing: queuedWaitS.filter((w) => w > WINDOW_S).length,
      queue_wait_p99_simulated_s: queuedWaitS.length > 0 ? Math.round(percentile(queuedWaitS, 99)) : 0,
      peak_queue: peakQueue,
      load_imbalance_cv: Math.round((sd / mean) * 1000) / 1000,
      load_max_over_mean: Math.round((Math.max(...counts) / mean) * 1000) / 1000,
      first_response_within_sla_share:
        met + breached > 0 ? Math.round((met / (met + breached)) * 10000) / 10000 : null,
      first_responses_measured: met + breached,
      handle_mean_simulated_s: HANDLE_MEAN_S,
      routing_statements_per_log_row: perRow(work.routing),
      sla_statements_per_log_row: perRow(work.sla),
      routing_statements_per_conversation:
        Math.round(((work.routing.statements + 2 * work.routing.transactions) / total) * 10) / 10,
      sla_statements_per_conversation:
        Math.round(((work.sla.statements + 2 * work.sla.transactions) / total) * 10) / 10,
      wall_s: Math.round(wallS),
    })}\n`,
  );
} finally {
  await runtime.stop();
  await drop();
}
