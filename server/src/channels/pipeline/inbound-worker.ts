import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { exponentialBackoffMs } from '../../backoff.ts';
import type { Clock } from '../../clock.ts';
import type { Database, DB } from '../../db/index.ts';
import { toMessageDto } from '../../inbox/index.ts';
import { loadAccountModels } from '../../inbox/triage-retrain.ts';
import type { Metrics } from '../../metrics/index.ts';
import { appendRealtimeEvents, conversationUpdated, type RealtimeEvent } from '../../realtime/index.ts';
import type { TriageModels, TriageSettings } from '../../triage/index.ts';
import { adapterFor } from '../registry.ts';
import type { ChannelStore } from '../store.ts';
import { WorkerLoop } from '../worker-loop.ts';
import {
  applyDelivery,
  type Delivery,
  prepareBatches,
  type Touched,
  type TriageContext,
} from './apply-events.ts';

export interface InboundWorkerOptions {
  db: Database;
  channels: ChannelStore;
  metrics: Metrics;
  clock: Clock;
  batchSize: number;
  maxAttempts: number;
  reopenWindowDays: number;
  /** Triage models; without them messages are stored untriaged (normal priority). */
  triage?: TriageModels;
  /** Pause after a small batch so the next one carries several deliveries (default 20 ms). */
  lingerMs?: number;
  /** Called after a batch commits realtime events. */
  onPublished: () => void | Promise<void>;
  onError?: (error: unknown) => void;
}

interface ClaimedRow {
  id: number;
  channel_id: string;
  body: string;
  attempts: number;
  received_at: Date;
}

const LINGER_MS = 20;

/** Seconds to wait before attempt n+1: 2, 4, 8 … capped at 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return exponentialBackoffMs(attempts, { firstMs: 2000, capMs: 600_000 }) / 1000;
}

/** A 64-bit advisory lock key per customer on a channel, so two workers never thread one customer at once. */
function authorLockKey(channelId: string, externalUserId: string): string {
  return createHash('sha256')
    .update(`${channelId}\u0000${externalUserId}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/**
 * Claims pending deliveries (FOR UPDATE SKIP LOCKED) and applies a whole batch in one
 * transaction; each delivery runs under a savepoint so one bad delivery only fails itself.
 * A crash mid-batch rolls everything back and the rows are claimed again: nothing is lost, and
 * the messages' unique key makes the retry a no-op for what was already stored.
 */
export class InboundWorker {
  readonly #loop: WorkerLoop;

  constructor(private readonly options: InboundWorkerOptions) {
    this.#loop = new WorkerLoop(() => this.processBatch(), {
      idleMs: 1000,
      // A small batch means deliveries trickle in one by one: wait a moment so the next batch
      // carries several. Each batch has a fixed cost; on PGlite it also holds the only connection.
      pauseAfter: (done) => (done < options.batchSize / 4 ? (options.lingerMs ?? LINGER_MS) : 0),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  kick(): void {
    this.#loop.kick();
  }

  /** Process one batch; returns how many deliveries it claimed. */
  async processBatch(): Promise<number> {
    try {
      return await this.#processBatch(false);
    } catch (error) {
      // Something in the batch failed: the whole transaction rolled back. Do it again with one
      // savepoint per delivery, so only the failing deliveries are retried or parked.
      if (error instanceof BatchFailed) return this.#processBatch(true);
      throw error;
    }
  }

  async #processBatch(isCareful: boolean): Promise<number> {
    const { db, channels, metrics } = this.options;
    const now = this.options.clock();
    let published = false;
    let ok = 0;
    let failed = 0;
    let dead = 0;
    const claimed = await db.kysely.transaction().execute(async (trx) => {
      const rows = (
        await sql<ClaimedRow>`
          SELECT id, channel_id, body, attempts, received_at FROM inbound_events
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY id LIMIT ${this.options.batchSize}
          FOR UPDATE SKIP LOCKED`.execute(trx)
      ).rows;
      if (rows.length === 0) return 0;

      const parsed = new Map<number, Delivery | Error>();
      const deliveries = () => [...parsed.values()].filter((d): d is Delivery => !(d instanceof Error));
      const lockKeys = new Set<string>();
      for (const row of rows) {
        const channel = await channels.context(trx, row.channel_id);
        const adapter = channel ? adapterFor(channel.provider) : undefined;
        if (!channel || !adapter) {
          parsed.set(row.id, new Error('Channel no longer exists or is inactive'));
          continue;
        }
        try {
          const events = adapter.parse(Buffer.from(row.body, 'utf8'), channel);
          parsed.set(row.id, { channel, events, receivedAt: row.received_at });
          for (const e of events)
            if (e.kind === 'message') lockKeys.add(authorLockKey(channel.id, e.author.externalUserId));
        } catch (error) {
          parsed.set(row.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      if (lockKeys.size > 0 && db.engine === 'postgres') {
        // Sorted, so workers always take locks in the same order and never deadlock.
        const keys = [...lockKeys].sort();
        await sql`SELECT pg_advisory_xact_lock(k) FROM unnest(${keys}::bigint[]) AS k ORDER BY k`.execute(
          trx,
        );
      }

      const options = { now, reopenWindowDays: this.options.reopenWindowDays };
      const triage = this.options.triage
        ? await triageContext(
            trx,
            this.options.triage,
            [...new Set(deliveries().map((d) => d.channel.accountId))],
            now,
          )
        : undefined;
      const batches = isCareful ? null : await prepareBatches(trx, deliveries(), options);
      const touched: Touched = {
        conversationIds: new Set(),
        newMessageIds: [],
        updatedMessageIds: new Set(),
      };
      const doneIds: number[] = [];
      for (const row of rows) {
        const delivery = parsed.get(row.id);
        let error: Error | null = delivery instanceof Error ? delivery : null;
        // A payload that fails its schema will fail the same way every time: park it at once.
        const isPermanent = error !== null;
        if (delivery && !(delivery instanceof Error)) {
          if (batches) {
            try {
              await applyDelivery(trx, batches.get(delivery.channel.id)!, delivery, touched, triage);
            } catch (caught) {
              throw new BatchFailed(caught);
            }
          } else {
            await sql`SAVEPOINT delivery`.execute(trx);
            try {
              const [batch] = (await prepareBatches(trx, [delivery], options)).values();
              await applyDelivery(trx, batch!, delivery, touched, triage);
              await batch!.flush();
              await sql`RELEASE SAVEPOINT delivery`.execute(trx);
            } catch (caught) {
              await sql`ROLLBACK TO SAVEPOINT delivery`.execute(trx);
              error = caught instanceof Error ? caught : new Error(String(caught));
            }
          }
        }
        if (!error) {
          doneIds.push(row.id);
          ok++;
          continue;
        }
        failed++;
        const attempts = row.attempts + 1;
        const isDead = isPermanent || attempts >= this.options.maxAttempts;
        if (isDead) dead++;
        await trx
          .updateTable('inbound_events')
          .set({
            attempts,
            status: isDead ? 'dead' : 'pending',
            last_error: error.message.slice(0, 2000),
            next_attempt_at: new Date(now.getTime() + backoffSeconds(attempts) * 1000),
          })
          .where('id', '=', row.id)
          .execute();
      }
      if (batches) {
        try {
          for (const batch of batches.values()) await batch.flush();
        } catch (caught) {
          throw new BatchFailed(caught);
        }
      }
      if (doneIds.length > 0) {
        await trx
          .updateTable('inbound_events')
          .set((eb) => ({ status: 'done', processed_at: now, attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', doneIds)
          .execute();
      }
      published = await publishTouched(trx, touched);
      return rows.length;
    });
    metrics.eventsProcessed.inc(ok);
    metrics.eventsFailed.inc(failed);
    metrics.eventsDead.inc(dead);
    if (published) await this.options.onPublished();
    return claimed;
  }
}

/** Each account's triage settings (weights, thresholds, what is not a case), read once per batch. */
async function triageContext(
  trx: Kysely<DB>,
  models: TriageModels,
  accountIds: string[],
  now: Date,
): Promise<TriageContext> {
  const rows =
    accountIds.length === 0
      ? []
      : await trx.selectFrom('accounts').select(['id', 'settings']).where('id', 'in', accountIds).execute();
  const byAccount = new Map(rows.map((r) => [r.id, (r.settings.triage ?? {}) as Partial<TriageSettings>]));
  // An account's model learnt from its corrections (if any) goes with its settings to triageMessage.
  for (const [id, accountModel] of await loadAccountModels(trx, accountIds))
    byAccount.set(id, { ...byAccount.get(id), accountModel });
  return { models, now, settingsFor: (accountId) => byAccount.get(accountId) ?? {} };
}

class BatchFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('a delivery in the batch failed');
  }
}

async function publishTouched(trx: Kysely<DB>, touched: Touched): Promise<boolean> {
  const messageIds = [...touched.newMessageIds, ...touched.updatedMessageIds];
  if (messageIds.length === 0) return false;
  const messages = await trx.selectFrom('messages').selectAll().where('id', 'in', messageIds).execute();
  const newIds = new Set(touched.newMessageIds);
  const accountByConversation = new Map<string, string>();
  for (const m of messages) accountByConversation.set(m.conversation_id, m.account_id);
  const events: RealtimeEvent[] = messages.map((m) => ({
    accountId: m.account_id,
    type: newIds.has(m.id) ? 'message.created' : 'message.updated',
    payload: { message: toMessageDto(m) },
  }));
  for (const id of touched.conversationIds) {
    const accountId = accountByConversation.get(id);
    if (accountId) events.push(conversationUpdated(accountId, id));
  }
  await appendRealtimeEvents(trx, events);
  return true;
}
