import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { exponentialBackoffMs } from '../backoff.ts';
import { decryptSecrets, encryptSecrets } from '../channels/index.ts';
import type { Database } from '../db/index.ts';

export const WEBHOOK_MAX_ATTEMPTS = 6;
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the same scheme as Parley's inbound API channel. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A rule's webhook secret as stored: sealed with the server's secret key (AES-256-GCM, the scheme of
 * channel credentials). Rules and queued deliveries hold only this form; delivery opens it to sign.
 */
export function sealWebhookSecret(secretKey: string, secret: string): string {
  return encryptSecrets(secretKey, { signingSecret: secret });
}

export function openWebhookSecret(secretKey: string, sealed: string): string {
  const secret = decryptSecrets(secretKey, sealed).signingSecret;
  if (!secret) throw new Error('Stored webhook secret is malformed');
  return secret;
}

/** 30 s, 1 min, 2 min … capped at 30 min. */
export function webhookBackoffMs(attempts: number): number {
  return exponentialBackoffMs(attempts, { firstMs: 30_000, capMs: 30 * 60_000 });
}

/**
 * Deliver due rule webhooks: claim rows (pushing their next attempt out as a lease, so another
 * process skips them), POST outside any transaction, then record the outcome. 2xx → done;
 * 429, 5xx or a network error → retry with backoff up to WEBHOOK_MAX_ATTEMPTS; other 4xx → failed.
 */
export async function deliverWebhooks(
  db: Database,
  options: { now: Date; fetch: typeof fetch; secretKey: string; limit?: number },
): Promise<number> {
  const claimed = await db.kysely.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('automation_webhooks')
      .select(['id', 'url', 'secret', 'body', 'attempts'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', options.now)
      .orderBy('next_attempt_at')
      .limit(options.limit ?? 20)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length > 0) {
      await trx
        .updateTable('automation_webhooks')
        .set({
          attempts: sql`attempts + 1`,
          next_attempt_at: new Date(options.now.getTime() + WEBHOOK_TIMEOUT_MS * 3),
        })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .execute();
    }
    return due;
  });
  for (const hook of claimed) {
    const attempts = hook.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    let secret: string | null = null;
    try {
      secret = openWebhookSecret(options.secretKey, hook.secret);
    } catch {
      // Sealed with another key (the server key changed) or damaged: it can never be signed.
      error = 'the stored secret cannot be opened with this server key';
    }
    if (secret !== null) {
      try {
        const response = await options.fetch(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Parley-Automation/1',
            'x-parley-signature': signWebhookBody(secret, hook.body),
            'x-parley-delivery': String(hook.id),
          },
          body: hook.body,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        status = response.status;
        await response.body?.cancel().catch(() => undefined);
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
    }
    const isDone = status !== null && status >= 200 && status < 300;
    const isRetryable = secret !== null && (status === null || status === 429 || status >= 500);
    const isFinal = isDone || !isRetryable || attempts >= WEBHOOK_MAX_ATTEMPTS;
    await db.kysely
      .updateTable('automation_webhooks')
      .set({
        status: isDone ? 'done' : isFinal ? 'failed' : 'pending',
        last_status: status,
        last_error: isDone ? null : (error ?? `HTTP ${status}`),
        next_attempt_at: new Date(options.now.getTime() + webhookBackoffMs(attempts)),
      })
      .where('id', '=', hook.id)
      .execute();
  }
  return claimed.length;
}
