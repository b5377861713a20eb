import { type Kysely, sql } from 'kysely';
import { exponentialBackoffMs } from '../../backoff.ts';
import type { Clock } from '../../clock.ts';
import type { Database, DB, DeliveryStatus } from '../../db/index.ts';
import { toMessageDto } from '../../inbox/index.ts';
import type { Metrics } from '../../metrics/index.ts';
import { appendRealtimeEvents, conversationUpdated } from '../../realtime/index.ts';
import {
  type ChannelAdapter,
  type ChannelContext,
  type OutboundReply,
  ReplyRefused,
  type SendOutcome,
  type TransportAnswer,
} from '../adapter.ts';
import { adapterFor } from '../registry.ts';
import type { ChannelStore } from '../store.ts';
import { WorkerLoop } from '../worker-loop.ts';
import type { AttachmentUrlSigner } from './attachment-urls.ts';
import { loadReply } from './load-reply.ts';
import { loadReplyAttachments } from './reply-attachments.ts';

export interface OutboxWorkerOptions {
  db: Database;
  channels: ChannelStore;
  metrics: Metrics;
  clock: Clock;
  maxAttempts: number;
  timeoutMs: number;
  concurrency?: number;
  onPublished: () => void | Promise<void>;
  onError?: (error: unknown) => void;
  fetch?: typeof fetch;
  /** Signs the URLs platforms fetch a reply's files from. */
  attachmentUrls: AttachmentUrlSigner;
}

interface ClaimedSend {
  id: number;
  message_id: string;
  channel_id: string;
  attempts: number;
}

type Resolution =
  | { kind: 'sent'; externalId: string }
  | { kind: 'retry'; error: string; delayMs: number }
  | { kind: 'failed'; error: string }
  | { kind: 'unknown'; error: string };

export function sendBackoffMs(attempts: number): number {
  return exponentialBackoffMs(attempts, { firstMs: 1000, capMs: 300_000 });
}

/** Add the outbox row for a queued reply, in the transaction that stored the reply. */
export async function enqueueReply(
  trx: Kysely<DB>,
  input: { accountId: string; messageId: string; channelId: string; now: Date },
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      account_id: input.accountId,
      message_id: input.messageId,
      channel_id: input.channelId,
      next_attempt_at: input.now,
      updated_at: input.now,
    })
    .execute();
}

/**
 * Delivers queued replies through their channel's adapter with retries and backoff. A request
 * that may have reached the platform (a timeout after it went out) is never blindly resent: the
 * message is marked `unknown` for reconciliation by the platform's echo/status or by the agent.
 */
export class OutboxWorker {
  readonly #loop: WorkerLoop;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.#fetch = options.fetch ?? fetch;
    this.#loop = new WorkerLoop(() => this.processBatch(), {
      idleMs: 500,
      beforeFirst: () => this.recoverInterrupted(),
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

  /** Sends a process died in the middle of: their outcome is unknown, so they wait for a decision. */
  async recoverInterrupted(): Promise<void> {
    const stale = new Date(this.options.clock().getTime() - this.options.timeoutMs * 3);
    const rows = await this.options.db.kysely
      .selectFrom('outbox')
      .select(['id', 'message_id', 'channel_id', 'attempts'])
      .where('status', '=', 'sending')
      .where('updated_at', '<', stale)
      .execute();
    for (const row of rows) {
      await this.#resolve(row, {
        kind: 'unknown',
        error: 'Parley stopped while sending; check the platform before resending',
      });
    }
  }

  async processBatch(): Promise<number> {
    const { db } = this.options;
    const now = this.options.clock();
    const claimed = (
      await sql<ClaimedSend>`
        UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ${now}
        WHERE id IN (
          SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${now}
          ORDER BY id LIMIT ${(this.options.concurrency ?? 8) * 4}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, message_id, channel_id, attempts`.execute(db.kysely)
    ).rows;
    const queue = [...claimed];
    const lanes = Array.from({ length: Math.min(queue.length, this.options.concurrency ?? 8) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        await this.#resolve(item, await this.#attempt(item));
      }
    });
    await Promise.all(lanes);
    return claimed.length;
  }

  async #attempt(item: ClaimedSend): Promise<Resolution> {
    const { db, channels } = this.options;
    const channel = await channels.context(db.kysely, item.channel_id);
    const adapter = channel ? adapterFor(channel.provider) : undefined;
    if (!channel || !adapter) return { kind: 'failed', error: 'The channel was removed' };
    const loaded = await loadReply(db.kysely, item.message_id, channel.provider);
    if (!loaded) return { kind: 'failed', error: 'The reply no longer exists' };
    const files = await loadReplyAttachments(
      db.kysely,
      item.message_id,
      this.options.attachmentUrls,
      this.options.clock(),
    );
    if (files.length > 0) {
      if (!adapter.capabilities(channel).supportsAttachments) {
        return { kind: 'failed', error: `This ${channel.provider} channel cannot send attachments` };
      }
      loaded.attachments = files;
    }
    const prepared = adapter.transport?.prepare
      ? await adapter.transport.prepare(db.kysely, loaded, channel)
      : loaded;
    const route = await this.#route(prepared, channel, adapter);
    if (!route) return { kind: 'failed', error: 'The channel this reply goes through was removed' };
    return this.#send(item, route.reply, route.channel, route.adapter);
  }

  /** The channel a reply leaves through: its own, or the one its `prepare` chose (`viaChannelId`). */
  async #route(reply: OutboundReply, channel: ChannelContext, adapter: ChannelAdapter) {
    if (!reply.viaChannelId || reply.viaChannelId === channel.id) return { reply, channel, adapter };
    const via = await this.options.channels.context(this.options.db.kysely, reply.viaChannelId);
    const viaAdapter = via?.accountId === channel.accountId ? adapterFor(via.provider) : undefined;
    if (!via || !viaAdapter) return null;
    const viaReply = viaAdapter.transport?.prepare
      ? await viaAdapter.transport.prepare(this.options.db.kysely, reply, via)
      : reply;
    return { reply: viaReply, channel: via, adapter: viaAdapter };
  }

  async #send(
    item: ClaimedSend,
    reply: OutboundReply,
    channel: ChannelContext,
    adapter: ChannelAdapter,
  ): Promise<Resolution> {
    let request: ReturnType<typeof adapter.buildSend>;
    try {
      request = adapter.buildSend(reply, channel, this.options.clock());
    } catch (error) {
      if (error instanceof ReplyRefused) return { kind: 'failed', error: error.message };
      throw error;
    }
    let response: Response;
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      response = adapter.transport
        ? toResponse(await adapter.transport.deliver(request, channel, signal))
        : await this.#fetch(request.url, {
            method: request.method,
            headers: request.headers,
            ...(request.body !== undefined ? { body: request.body } : {}),
            signal,
          });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return {
          kind: 'unknown',
          error: `No answer within ${this.options.timeoutMs} ms; the reply may have been delivered`,
        };
      }
      // Connection refused or reset before an answer: nothing was accepted, so a retry is safe.
      return this.#retryOrFail(item, `Could not reach the platform: ${(error as Error).message}`);
    }
    const body = await response.text().catch(() => '');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const outcome: SendOutcome = adapter.interpretSend(response.status, headers, body, this.options.clock());
    if (outcome.kind === 'sent') return { kind: 'sent', externalId: outcome.externalId || reply.messageId };
    if (outcome.kind === 'failed') return outcome;
    return this.#retryOrFail(item, outcome.error, outcome.retryAfterMs);
  }

  #retryOrFail(item: ClaimedSend, error: string, retryAfterMs?: number): Resolution {
    if (item.attempts >= this.options.maxAttempts) {
      return { kind: 'failed', error: `${error} (gave up after ${item.attempts} attempts)` };
    }
    return { kind: 'retry', error, delayMs: Math.max(retryAfterMs ?? 0, sendBackoffMs(item.attempts)) };
  }

  async #resolve(
    item: Pick<ClaimedSend, 'id' | 'message_id' | 'channel_id'>,
    resolution: Resolution,
  ): Promise<void> {
    const { db, metrics } = this.options;
    const now = this.options.clock();
    const provider = (await this.options.channels.context(db.kysely, item.channel_id))?.provider ?? 'unknown';
    await db.kysely.transaction().execute(async (trx) => {
      if (resolution.kind !== 'sent') {
        // The platform already named this message (a status or echo carrying our id arrived while
        // the send was in flight): it has it, whatever this answer said. Sending again would double it.
        const settled = await trx
          .selectFrom('messages')
          .select('external_id')
          .where('id', '=', item.message_id)
          .executeTakeFirst();
        if (settled?.external_id) {
          await trx
            .updateTable('outbox')
            .set({ status: 'done', last_error: null, updated_at: now })
            .where('id', '=', item.id)
            .execute();
          return;
        }
      }
      if (resolution.kind === 'retry') {
        await trx
          .updateTable('outbox')
          .set({
            status: 'pending',
            last_error: resolution.error,
            next_attempt_at: new Date(now.getTime() + resolution.delayMs),
            updated_at: now,
          })
          .where('id', '=', item.id)
          .execute();
        metrics.outboundRetried.inc({ provider });
        return;
      }
      const status: DeliveryStatus =
        resolution.kind === 'sent' ? 'sent' : resolution.kind === 'failed' ? 'failed' : 'unknown';
      await trx
        .updateTable('outbox')
        .set({
          status: resolution.kind === 'sent' ? 'done' : resolution.kind,
          last_error: resolution.kind === 'sent' ? null : resolution.error,
          updated_at: now,
        })
        .where('id', '=', item.id)
        .execute();
      const message = await trx
        .updateTable('messages')
        .set({
          delivery_status: status,
          delivery_error: resolution.kind === 'sent' ? null : resolution.error,
          ...(resolution.kind === 'sent' ? { external_id: resolution.externalId } : {}),
        })
        .where('id', '=', item.message_id)
        // A platform status event may already have moved it past 'sent'.
        .where('delivery_status', 'in', ['queued', 'unknown'])
        .returningAll()
        .executeTakeFirst();
      if (resolution.kind === 'sent') metrics.outboundSent.inc({ provider });
      else metrics.outboundFailed.inc({ provider, outcome: resolution.kind });
      if (!message) return;
      await appendRealtimeEvents(trx, [
        {
          accountId: message.account_id,
          type: 'message.updated',
          payload: { message: toMessageDto(message) },
        },
        conversationUpdated(message.account_id, message.conversation_id),
      ]);
    });
    await this.options.onPublished();
  }
}

function toResponse(answer: TransportAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
