import type { FastifyInstance } from 'fastify';
import { ActivityConsumer } from '../activity/index.ts';
import { AnalyticsWebhookSender } from '../analytics/index.ts';
import { InboundMediaWorker } from '../attachments/index.ts';
import { DeskSweep } from '../automation/index.ts';
import {
  AttachmentUrlSigner,
  ChannelStore,
  InboundWorker,
  inboundRetention,
  OutboxWorker,
} from '../channels/index.ts';
import { startChannelListeners } from '../channels/listeners.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import { type BuildAppOptions, buildApp } from '../http/app.ts';
import type { ServerContext } from '../http/context.ts';
import { getConversationDtos } from '../inbox/index.ts';
import { startTriageRetrainSweep } from '../inbox/triage-retrain.ts';
import { ListeningService } from '../listening/index.ts';
import { createMailer } from '../mail/index.ts';
import { Metrics } from '../metrics/index.ts';
import { RealtimeHub, realtimeRetention } from '../realtime/index.ts';
import { routingSweep } from '../routing/index.ts';
import { loadTriageModels } from '../triage/index.ts';
import { activityFollowers } from './followers.ts';

export interface Runtime {
  ctx: ServerContext;
  app: FastifyInstance;
  inbound: InboundWorker[];
  outbox: OutboxWorker | null;
  /** Workers following the conversation activity log (routing, SLA, automation, analytics). */
  consumers: ActivityConsumer[];
  /** Social listening: ingest of listening streams, alert detection and alert sending. */
  listening: ListeningService;
  /** Stop taking requests, let workers finish their batch, close the database. */
  stop(): Promise<void>;
  /** Work to stop first on shutdown (the demo simulator). */
  onStop(fn: () => Promise<void>): void;
}

export interface RuntimeOptions extends BuildAppOptions {
  config: Config;
  db: Database;
  secretKey: string;
  clock?: Clock;
  /** Start the background workers (role worker or all). When false they exist but only run when called. */
  runWorkers?: boolean;
  fetch?: typeof fetch;
}

/** Wire one process: context, HTTP app, realtime hub and (for role worker/all) the workers. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics();
  const channels = new ChannelStore(options.secretKey, config.PUBLIC_URL);
  const hub = new RealtimeHub(db, getConversationDtos);
  const triage = loadTriageModels();
  await hub.start();
  const runWorkers = options.runWorkers ?? config.PARLEY_ROLE !== 'api';
  const inbound: InboundWorker[] = [];
  let outbox: OutboxWorker | null = null;
  const ctx: ServerContext = {
    config,
    db,
    clock,
    channels,
    hub,
    metrics,
    kickInbound: () => {
      for (const worker of inbound) worker.kick();
    },
    kickOutbox: () => outbox?.kick(),
    secretKey: options.secretKey,
    kickListening: () => listening.kick(),
  };
  const app = await buildApp(ctx, options);
  const log = (error: unknown) => app.log.error({ err: error }, 'worker error');
  const listening: ListeningService = new ListeningService({
    db,
    clock,
    models: triage,
    reopenWindowDays: config.REOPEN_WINDOW_DAYS,
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      onDisabled: (message) => app.log.info(message),
    }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onPublished: () => {
      hub.announce();
      listening.kickAlerts();
    },
    onError: log,
  });
  if (runWorkers) listening.start();
  {
    // PGlite is one connection: more than one inbound loop would only queue behind it.
    const loops = db.engine === 'pglite' ? 1 : config.INBOUND_WORKERS;
    for (let i = 0; i < loops; i++) {
      inbound.push(
        new InboundWorker({
          db,
          channels,
          metrics,
          clock,
          batchSize: config.INBOUND_BATCH_SIZE,
          maxAttempts: config.INBOUND_MAX_ATTEMPTS,
          reopenWindowDays: config.REOPEN_WINDOW_DAYS,
          // Every statement on the embedded database has a fixed cost: gather bigger batches.
          lingerMs: db.engine === 'pglite' ? 50 : 20,
          triage,
          onPublished: () => hub.announce(),
          onError: log,
        }),
      );
    }
    outbox = new OutboxWorker({
      db,
      channels,
      metrics,
      clock,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      timeoutMs: config.OUTBOX_TIMEOUT_MS,
      attachmentUrls: new AttachmentUrlSigner(options.secretKey, config.PUBLIC_URL),
      onPublished: () => hub.announce(),
      onError: log,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (runWorkers) {
      for (const worker of inbound) worker.start();
      outbox.start();
    }
  }
  // Followers of the activity log wake whenever something is committed (hub pokes) and every
  // second regardless.
  const consumers: ActivityConsumer[] = [];
  for (const follower of activityFollowers(ctx)) {
    // Lingering after a small batch: short on PostgreSQL (it bounds routing's assignment latency),
    // longer on PGlite, where each of a follower's transactions costs a fixed handful of statements.
    const lingerMs = db.engine === 'pglite' ? 100 : 10;
    const consumer = new ActivityConsumer({ db, onError: log, lingerMs, ...follower });
    consumers.push(consumer);
    hub.onPoke(() => consumer.kick());
    if (runWorkers) consumer.start();
  }
  // Routing's time-based sweep: SLA alerts, inactivity, reassignment, queued work re-examined.
  const routing = routingSweep(ctx, log);
  if (runWorkers) routing.start();
  // Time-based rules, snooze wake-ups, stale presence and rule webhooks (automation/sweep.ts).
  const deskSweep = new DeskSweep({
    db,
    clock,
    secretKey: options.secretKey,
    onPublished: () => hub.announce(),
    onError: log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (runWorkers) deskSweep.start();
  // Analytics: signed, retried webhook deliveries of report-worthy events.
  const analyticsWebhooks = new AnalyticsWebhookSender({
    db,
    clock,
    secretKey: options.secretKey,
    onError: log,
  });
  if (runWorkers) analyticsWebhooks.start();
  // The realtime log only serves reconnecting clients: older events are pruned.
  const retention = realtimeRetention({
    db,
    clock,
    retentionHours: config.REALTIME_RETENTION_HOURS,
    onError: log,
  });
  if (runWorkers) retention.start();
  // Processed webhook deliveries are only kept for a while (messages stay).
  const inboundPrune = inboundRetention({
    db,
    clock,
    retentionDays: config.INBOUND_RETENTION_DAYS,
    onError: log,
  });
  if (runWorkers) inboundPrune.start();
  // Files customers send on Meta channels are downloaded before the platforms' URLs expire (polled
  // every 2 s, not kicked on every commit: the lookup is cheap but not free under load).
  const inboundMedia = new InboundMediaWorker({
    db,
    channels,
    clock,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    onPublished: () => hub.announce(),
    onError: log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (runWorkers) inboundMedia.start();
  let isStopped = false;
  const stopHooks: (() => Promise<void>)[] = [];
  // Listeners for channels that do not arrive by webhook (the email channel's SMTP server).
  stopHooks.push(await startChannelListeners(ctx, log, runWorkers));
  // Retrains each account's triage model once enough new corrections arrived (docs/triage.md).
  if (runWorkers) stopHooks.push(startTriageRetrainSweep(db.kysely, clock, log));
  return {
    onStop: (fn) => {
      stopHooks.push(fn);
    },
    ctx,
    app,
    inbound,
    outbox,
    consumers,
    listening,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      for (const hook of stopHooks) await hook().catch(() => undefined);
      await app.close();
      await Promise.all([
        ...inbound.map((w) => w.stop()),
        outbox?.stop(),
        ...consumers.map((c) => c.stop()),
        analyticsWebhooks.stop(),
        deskSweep.stop(),
        retention.stop(),
        inboundPrune.stop(),
        inboundMedia.stop(),
        routing.stop(),
        listening.stop(),
      ]);
      await hub.stop();
      await db.close();
    },
  };
}
