import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { exponentialBackoffMs } from '../backoff.ts';
import type { ChannelStore } from '../channels/index.ts';
import { DEFAULT_GRAPH_BASE_URL } from '../channels/meta/index.ts';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { Clock } from '../clock.ts';
import type { Database, DB } from '../db/index.ts';
import { toMessageDto } from '../inbox/index.ts';
import { appendRealtimeEvents } from '../realtime/index.ts';
import {
  type ChannelAccess,
  failedEntry,
  type InboundEntry,
  MEDIA_PROVIDERS,
  type PendingEntry,
  pendingEntries,
  storedEntry,
  storedName,
} from './inbound-media-entries.ts';
import { type FetchOutcome, fetchInboundFile } from './inbound-media-fetch.ts';
import { attachmentContentPath } from './store.ts';

// Downloads the files customers send on Meta channels into `attachments`, so they outlive the
// platform's expiring URLs (and WhatsApp's, which only exist behind a media id). One job per
// message (`inbound_media`, migration 0021): discovered from recent inbound messages, claimed with
// SKIP LOCKED and a lease, finished in one transaction that stores the files, rewrites the
// message's entries and publishes `message.updated`.

export interface InboundMediaWorkerOptions {
  db: Database;
  channels: ChannelStore;
  clock: Clock;
  /** ATTACHMENT_MAX_BYTES: a larger file is recorded as too large, never downloaded whole. */
  maxBytes: number;
  /** Claims of one message before its remaining files are given up (default 5). */
  maxAttempts?: number;
  batchSize?: number;
  /** How far back to look for inbound messages whose files were never fetched (default 7 days). */
  lookbackMs?: number;
  /** How long a claim keeps other workers off a job (default 10 minutes). */
  leaseMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  onPublished?: () => void;
  onError?: (error: unknown) => void;
}

interface Claimed {
  message_id: string;
  attempts: number;
}

type Result = { index: number; outcome: FetchOutcome | { kind: 'no_source' } };

/** 30 s, 2 min, 8 min, 32 min … capped at an hour. */
export function mediaRetryDelayMs(attempts: number): number {
  return exponentialBackoffMs(attempts, { firstMs: 30_000, capMs: 3_600_000, factor: 4 });
}

const DISCOVERY_BATCH = 500;
/** Longer than any inbound transaction stays open. */
const DISCOVERY_MARGIN_MS = 5 * 60_000;

export class InboundMediaWorker {
  readonly #loop: WorkerLoop;
  /** Database time of the last discovery pass that found everything there was to find. */
  #caughtUpAt: Date | null = null;
  /** Aborts downloads in flight on stop, so shutdown never waits for a slow CDN. */
  readonly #stopping = new AbortController();

  constructor(private readonly options: InboundMediaWorkerOptions) {
    this.#loop = new WorkerLoop(() => this.runOnce(), {
      idleMs: 2000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    this.#stopping.abort();
    return this.#loop.stop();
  }

  kick(): void {
    this.#loop.kick();
  }

  /** Find new work, then claim and process one batch of due jobs; returns how many were processed. */
  async runOnce(): Promise<number> {
    await this.#discover();
    const jobs = await this.#claim();
    for (const job of jobs) await this.#process(job);
    return jobs.length;
  }

  /** Run until no job is due now (tests). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0) {
      // keep going while jobs are due
    }
  }

  /**
   * Queue jobs for inbound messages with files that have none yet. Each pass looks only at
   * messages stored since the last pass that caught up, less a margin for inbound transactions
   * that were still open then (a message's `created_at` is its transaction's start), so a steady
   * stream costs a few minutes' worth of index entries, not the whole look-back. Times are the
   * database's, like `created_at` itself.
   */
  async #discover(): Promise<void> {
    const now = this.options.clock();
    const lookbackMs = this.options.lookbackMs ?? 7 * 86_400_000;
    const from = this.#caughtUpAt ? new Date(this.#caughtUpAt.getTime() - DISCOVERY_MARGIN_MS) : null;
    const { rows } = await sql<{ found: number; scanned_at: Date }>`
      WITH found AS (
        SELECT m.id, m.account_id
        FROM messages m JOIN channels c ON c.id = m.channel_id
        WHERE m.direction = 'in' AND m.attachments <> '[]'::jsonb
          AND m.created_at >= now() - ${lookbackMs} * interval '1 millisecond'
          AND m.created_at >= coalesce(${from}::timestamptz, '-infinity')
          AND c.provider IN (${sql.join([...MEDIA_PROVIDERS])})
          AND NOT EXISTS (SELECT 1 FROM inbound_media j WHERE j.message_id = m.id)
        ORDER BY m.created_at
        LIMIT ${DISCOVERY_BATCH}
      ), queued AS (
        INSERT INTO inbound_media (message_id, account_id, next_attempt_at, created_at)
        SELECT id, account_id, ${now}, ${now} FROM found
        ON CONFLICT (message_id) DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM found)::int AS found, now() AS scanned_at`.execute(this.options.db.kysely);
    const pass = rows[0];
    // A full batch may have left more behind: look from the same point again next time.
    if (pass && pass.found < DISCOVERY_BATCH) this.#caughtUpAt = new Date(pass.scanned_at);
  }

  async #claim(): Promise<Claimed[]> {
    const now = this.options.clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 10 * 60_000));
    return this.options.db.kysely
      .updateTable('inbound_media')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('message_id', 'in', (eb) =>
        eb
          .selectFrom('inbound_media')
          .select('message_id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(this.options.batchSize ?? 5)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['message_id', 'attempts'])
      .execute();
  }

  async #process(job: Claimed): Promise<void> {
    const db = this.options.db.kysely;
    const message = await db
      .selectFrom('messages')
      .select(['channel_id', 'attachments', 'metadata'])
      .where('id', '=', job.message_id)
      .executeTakeFirst();
    const channel = message ? await this.options.channels.context(db, message.channel_id) : null;
    if (!message || !channel) {
      await db
        .updateTable('inbound_media')
        .set({ status: 'done' })
        .where('message_id', '=', job.message_id)
        .execute();
      return;
    }
    const access: ChannelAccess = {
      provider: channel.provider,
      apiBaseUrl:
        typeof channel.settings.apiBaseUrl === 'string' && channel.settings.apiBaseUrl !== ''
          ? channel.settings.apiBaseUrl
          : DEFAULT_GRAPH_BASE_URL,
      accessToken: channel.secrets.accessToken,
    };
    const pending = pendingEntries(message.attachments as InboundEntry[], message.metadata, access);
    // Downloads happen outside any transaction: one slow CDN must not hold rows (or PGlite) up.
    const results: Result[] = [];
    for (const entry of pending) results.push({ index: entry.index, outcome: await this.#fetch(entry) });
    const published = await db.transaction().execute((trx) => this.#finish(trx, job, results));
    if (published) this.options.onPublished?.();
  }

  #fetch(entry: PendingEntry): Promise<FetchOutcome | { kind: 'no_source' }> {
    if (!entry.source) return Promise.resolve({ kind: 'no_source' });
    return fetchInboundFile(entry.source, {
      maxBytes: this.options.maxBytes,
      timeoutMs: this.options.timeoutMs ?? 60_000,
      fetch: this.options.fetch ?? fetch,
      signal: this.#stopping.signal,
    });
  }

  /** Store what was downloaded and settle the job; false when another worker took the job meanwhile. */
  async #finish(trx: Kysely<DB>, job: Claimed, results: Result[]): Promise<boolean> {
    const now = this.options.clock();
    const owned = await trx
      .selectFrom('inbound_media')
      .select('attempts')
      .where('message_id', '=', job.message_id)
      .where('status', '=', 'pending')
      .where('attempts', '=', job.attempts)
      .forUpdate()
      .executeTakeFirst();
    // A lease that ran out let another worker claim the job: its result counts, not ours.
    if (!owned) return false;
    const message = await trx
      .selectFrom('messages')
      .select(['id', 'account_id', 'conversation_id', 'attachments'])
      .where('id', '=', job.message_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    const entries = [...(message.attachments as InboundEntry[])];
    const isLastAttempt = job.attempts >= (this.options.maxAttempts ?? 5);
    const retryErrors: string[] = [];
    let isChanged = false;
    for (const { index, outcome } of results) {
      const entry = entries[index];
      if (!entry || entry.attachmentId || entry.downloadError) continue;
      if (outcome.kind === 'downloaded') {
        const mimeType = outcome.mimeType ?? entry.mimeType ?? 'application/octet-stream';
        const name = storedName(entry, mimeType);
        const row = await trx
          .insertInto('attachments')
          .values({
            account_id: message.account_id,
            conversation_id: message.conversation_id,
            message_id: message.id,
            uploaded_by: null,
            name,
            mime_type: mimeType,
            size_bytes: outcome.content.length,
            sha256: createHash('sha256').update(outcome.content).digest('hex'),
            // As in saveAttachment: base64 decoded by the database is far faster on PGlite.
            content: sql<Uint8Array>`decode(${outcome.content.toString('base64')}, 'base64')`,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        entries[index] = storedEntry(entry, {
          attachmentId: row.id,
          name,
          mimeType,
          sizeBytes: outcome.content.length,
          url: attachmentContentPath(row.id),
        });
      } else if (outcome.kind === 'retry' && !isLastAttempt) {
        retryErrors.push(outcome.error);
        continue;
      } else {
        entries[index] = failedEntry(entry, failureText(outcome, job.attempts), sizeOf(outcome));
      }
      isChanged = true;
    }
    await trx
      .updateTable('inbound_media')
      .set(
        retryErrors.length > 0
          ? {
              next_attempt_at: new Date(now.getTime() + mediaRetryDelayMs(job.attempts)),
              last_error: retryErrors.join('; '),
            }
          : { status: 'done', last_error: null },
      )
      .where('message_id', '=', job.message_id)
      .execute();
    if (!isChanged) return false;
    const updated = await trx
      .updateTable('messages')
      .set({ attachments: JSON.stringify(entries) })
      .where('id', '=', message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendRealtimeEvents(trx, [
      { accountId: message.account_id, type: 'message.updated', payload: { message: toMessageDto(updated) } },
    ]);
    return true;
  }
}

function failureText(outcome: FetchOutcome | { kind: 'no_source' }, attempts: number): string {
  if (outcome.kind === 'no_source') return 'Not downloaded: the platform gave no way to fetch this file';
  if (outcome.kind === 'retry') return `Not downloaded after ${attempts} attempts: ${outcome.error}`;
  if (outcome.kind === 'downloaded') return '';
  return outcome.kind === 'too_large' ? outcome.error : `Not downloaded: ${outcome.error}`;
}

function sizeOf(outcome: FetchOutcome | { kind: 'no_source' }): number | null {
  return outcome.kind === 'too_large' ? outcome.sizeBytes : null;
}
