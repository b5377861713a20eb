import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database, DB } from '../../db/index.ts';
import type { Mailer } from '../../mail/index.ts';
import { type AlertDto, describeForPeople } from './alert-dto.ts';

/** At most this many email (and, separately, webhook) alerts per monitor per hour; the rest are kept as suppressed. */
export const ALERT_DELIVERIES_PER_HOUR = 6;
export const ALERT_SIGNATURE_HEADER = 'x-parley-signature';
const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;

export function signAlertBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Queue the email and webhook deliveries of one alert change, inside the alert's transaction. */
export async function enqueueAlertDeliveries(
  trx: Kysely<DB>,
  input: { accountId: string; event: 'opened' | 'updated' | 'resolved'; alert: AlertDto; now: Date },
): Promise<void> {
  const monitor = await trx
    .selectFrom('listening_monitors')
    .select(['alert_emails', 'alert_webhook_url'])
    .where('id', '=', input.alert.monitorId)
    .executeTakeFirst();
  if (!monitor) return;
  const hourAgo = new Date(input.now.getTime() - 3_600_000);
  const rows: { transport: 'email' | 'webhook'; target: string; body: string }[] = [];
  // People get mail when something starts or grows, not when it ends; machines get every change.
  if (input.event !== 'resolved') {
    for (const to of monitor.alert_emails) {
      const { subject, lines } = describeForPeople(input.alert);
      const prefix = input.event === 'updated' ? 'Still rising — ' : '';
      rows.push({
        transport: 'email',
        target: to,
        body: JSON.stringify({ subject: prefix + subject, text: lines.join('\n') }),
      });
    }
  }
  if (monitor.alert_webhook_url) {
    rows.push({
      transport: 'webhook',
      target: monitor.alert_webhook_url,
      body: JSON.stringify({ type: `listening.alert.${input.event}`, alert: input.alert }),
    });
  }
  for (const transport of ['email', 'webhook'] as const) {
    const mine = rows.filter((r) => r.transport === transport);
    if (mine.length === 0) continue;
    const recent = await trx
      .selectFrom('listening_alert_deliveries')
      .select((eb) => eb.fn.count<string>('alert_id').distinct().as('alerts'))
      .where('monitor_id', '=', input.alert.monitorId)
      .where('transport', '=', transport)
      .where('status', '!=', 'suppressed')
      .where('created_at', '>=', hourAgo)
      .executeTakeFirst();
    const isSuppressed = Number(recent?.alerts ?? 0) >= ALERT_DELIVERIES_PER_HOUR;
    await trx
      .insertInto('listening_alert_deliveries')
      .values(
        mine.map((r) => ({
          account_id: input.accountId,
          alert_id: input.alert.id,
          monitor_id: input.alert.monitorId,
          transport,
          event: input.event,
          target: r.target,
          body: r.body,
          status: isSuppressed ? ('suppressed' as const) : ('pending' as const),
          next_attempt_at: input.now,
          created_at: input.now,
        })),
      )
      .execute();
  }
}

export interface AlertSenderOptions {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Sends queued alert mail and signed webhooks; failures retry with backoff (2, 4, 8 … s, max 10 min). */
export class AlertSender {
  constructor(private readonly options: AlertSenderOptions) {}

  async processBatch(limit = 20): Promise<number> {
    const { db } = this.options;
    const now = this.options.clock();
    // Lease the rows, then send outside any transaction: a slow endpoint must not hold the database.
    const claimed = await db.kysely.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string }>`
        SELECT id FROM listening_alert_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx);
      const ids = rows.rows.map((r) => Number(r.id));
      if (ids.length === 0) return [];
      return trx
        .updateTable('listening_alert_deliveries')
        .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS), attempts: sql`attempts + 1` })
        .where('id', 'in', ids)
        .returning([
          'id',
          'account_id',
          'monitor_id',
          'transport',
          'target',
          'body',
          'attempts',
          'created_at',
        ])
        .execute();
    });
    for (const row of claimed) {
      let error: string | null = null;
      try {
        if (row.transport === 'email') await this.#sendEmail(row.target, row.body);
        else await this.#sendWebhook(row.monitor_id, row.target, row.body, row.created_at);
      } catch (e) {
        error = String((e as Error).message ?? e).slice(0, 500);
      }
      const isMailOff = row.transport === 'email' && !this.options.mailer.isEnabled;
      const isFinal = error === null || row.attempts >= MAX_ATTEMPTS || isMailOff;
      await db.kysely
        .updateTable('listening_alert_deliveries')
        .set({
          status: error === null ? 'done' : isFinal ? 'failed' : 'pending',
          last_error: error,
          ...(error === null ? { sent_at: this.options.clock() } : {}),
          next_attempt_at: new Date(now.getTime() + Math.min(600, 2 ** row.attempts) * 1000),
        })
        .where('id', '=', row.id)
        .execute();
    }
    return claimed.length;
  }

  async #sendEmail(to: string, body: string): Promise<void> {
    if (!this.options.mailer.isEnabled) throw new Error('system mail is off (SMTP_URL is not set)');
    const { subject, text } = JSON.parse(body) as { subject: string; text: string };
    await this.options.mailer.sendMail({ to, subject, text });
  }

  async #sendWebhook(monitorId: string, url: string, body: string, createdAt: Date): Promise<void> {
    const monitor = await this.options.db.kysely
      .selectFrom('listening_monitors')
      .select('alert_webhook_secret')
      .where('id', '=', monitorId)
      .executeTakeFirst();
    const timestamp = String(Math.floor(createdAt.getTime() / 1000));
    const doFetch = this.options.fetch ?? fetch;
    const res = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-parley-timestamp': timestamp,
        [ALERT_SIGNATURE_HEADER]: signAlertBody(monitor?.alert_webhook_secret ?? '', timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    await res.text().catch(() => '');
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
