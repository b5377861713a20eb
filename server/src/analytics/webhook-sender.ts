// Delivers queued analytics webhooks: POST with an HMAC-SHA256 signature over `timestamp.body`,
// retried with backoff on network errors, 408/429 and 5xx; other 4xx and the last attempt fail it.
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { exponentialBackoffMs } from '../backoff.ts';
import { decryptSecrets, encryptSecrets } from '../channels/index.ts';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { Database, DB } from '../db/index.ts';

export const WEBHOOK_SIGNATURE_HEADER = 'x-parley-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-parley-timestamp';
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what a receiver recomputes. */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Seconds before attempt `attempts + 1`: 10, 20, 40 … capped at one hour. */
export function webhookBackoffSeconds(attempts: number): number {
  return exponentialBackoffMs(attempts, { firstMs: 10_000, capMs: 3_600_000 }) / 1000;
}

export async function saveWebhookSubscription(
  db: Kysely<DB>,
  input: {
    accountId: string;
    url: string;
    secret: string;
    kinds: string[];
    isActive: boolean;
    secretKey: string;
    now: Date;
  },
): Promise<void> {
  const values = {
    url: input.url,
    secret_encrypted: encryptSecrets(input.secretKey, { signingSecret: input.secret }),
    kinds: JSON.stringify(input.kinds),
    is_active: input.isActive,
    updated_at: input.now,
  };
  await db
    .insertInto('analytics_webhooks')
    .values({ account_id: input.accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

export interface WebhookSenderOptions {
  db: Database;
  secretKey: string;
  clock: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

export class AnalyticsWebhookSender {
  readonly #loop: WorkerLoop;
  constructor(private readonly options: WebhookSenderOptions) {
    this.#loop = new WorkerLoop(() => this.processBatch(), {
      idleMs: 2000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Send what is due now; returns how many deliveries were attempted. */
  async processBatch(limit = 20): Promise<number> {
    const { db, clock } = this.options;
    const now = clock();
    // Lease the rows for five minutes so another process does not send them meanwhile.
    const lease = new Date(now.getTime() + 300_000);
    const claimed = await sql<{ id: string; account_id: string; body: string; attempts: number }>`
      UPDATE analytics_webhook_deliveries SET next_attempt_at = ${lease}
      WHERE id IN (
        SELECT id FROM analytics_webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, account_id, body, attempts`.execute(db.kysely);
    for (const row of claimed.rows) await this.#deliver(row);
    return claimed.rows.length;
  }

  async #deliver(row: { id: string; account_id: string; body: string; attempts: number }): Promise<void> {
    const { db, clock } = this.options;
    const kysely = db.kysely;
    const subscription = await kysely
      .selectFrom('analytics_webhooks')
      .select(['url', 'secret_encrypted', 'is_active'])
      .where('account_id', '=', row.account_id)
      .executeTakeFirst();
    const attempts = row.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    if (!subscription?.is_active) error = 'subscription removed or inactive';
    else {
      const secret =
        decryptSecrets(this.options.secretKey, subscription.secret_encrypted).signingSecret ?? '';
      const timestamp = String(Math.floor(clock().getTime() / 1000));
      try {
        const response = await (this.options.fetch ?? fetch)(subscription.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, row.body),
            'x-parley-delivery': String(row.id),
          },
          body: row.body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
    }
    const isDone = error === null;
    const isRetryable =
      !isDone &&
      subscription?.is_active === true &&
      (status === null || status === 408 || status === 429 || status >= 500);
    const nextStatus = isDone
      ? 'done'
      : isRetryable && attempts < WEBHOOK_MAX_ATTEMPTS
        ? 'pending'
        : 'failed';
    await kysely
      .updateTable('analytics_webhook_deliveries')
      .set({
        status: nextStatus,
        attempts,
        last_status: status,
        last_error: error,
        next_attempt_at: new Date(clock().getTime() + webhookBackoffSeconds(attempts) * 1000),
      })
      .where('id', '=', Number(row.id))
      .execute();
  }
}
