import { WorkerLoop } from '../../channels/worker-loop.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import type { Mailer } from '../../mail/index.ts';
import type { TriageModels } from '../../triage/index.ts';
import type { AlertDetectorConfig } from '../alerts/alert-types.ts';
import { AlertSender } from './alert-deliveries.ts';
import { ListeningAlertWorker } from './alert-worker.ts';
import { ListeningIngest } from './ingest-worker.ts';

export interface ListeningServiceOptions {
  db: Database;
  clock: Clock;
  models: TriageModels;
  mailer: Mailer;
  reopenWindowDays: number;
  alertConfig?: Partial<AlertDetectorConfig>;
  fetch?: typeof fetch;
  onPublished: () => void;
  onError: (error: unknown) => void;
}

/** The listening workers of one process: ingest (deliveries → mentions), alerts, alert sending. */
export class ListeningService {
  readonly ingest: ListeningIngest;
  readonly alerts: ListeningAlertWorker;
  readonly sender: AlertSender;
  readonly #loops: WorkerLoop[];

  constructor(readonly options: ListeningServiceOptions) {
    this.ingest = new ListeningIngest({
      db: options.db,
      clock: options.clock,
      models: options.models,
      reopenWindowDays: options.reopenWindowDays,
      onPublished: options.onPublished,
    });
    this.alerts = new ListeningAlertWorker({
      db: options.db,
      clock: options.clock,
      ...(options.alertConfig ? { config: options.alertConfig } : {}),
      onPublished: options.onPublished,
    });
    this.sender = new AlertSender({
      db: options.db,
      clock: options.clock,
      mailer: options.mailer,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const onError = options.onError;
    this.#loops = [
      new WorkerLoop(() => this.ingest.processBatch(), { idleMs: 1000, onError }),
      // Detection ticks once a minute of post time; waking every 5 s keeps alerts within seconds.
      new WorkerLoop(() => this.alerts.step(), { idleMs: 5000, onError }),
      new WorkerLoop(() => this.sender.processBatch(), { idleMs: 2000, onError }),
    ];
  }

  start(): void {
    for (const loop of this.#loops) loop.start();
  }

  kick(): void {
    this.#loops[0]?.kick();
  }

  /** After the ingest stored something, detection and sending should look at once. */
  kickAlerts(): void {
    this.#loops[1]?.kick();
    this.#loops[2]?.kick();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((l) => l.stop()));
    this.options.mailer.close();
  }

  /** Tests: ingest everything pending, detect, send what is due. */
  async drain(): Promise<void> {
    while ((await this.ingest.processBatch()) > 0) {
      // until nothing is claimed
    }
    while ((await this.alerts.step()) > 0) {
      // until caught up
    }
    while ((await this.sender.processBatch()) > 0) {
      // until nothing is due
    }
  }
}
