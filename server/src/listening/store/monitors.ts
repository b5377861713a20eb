import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ListeningMonitorsTable } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { validateQuery } from '../query/parse-query.ts';

export type MonitorRole = 'brand' | 'competitor' | 'topic';

/** Convert a mention into a case automatically when any enabled condition holds. */
export interface AutoCaseRule {
  actionableNegative?: boolean;
  minReach?: number | null;
}

export interface MonitorInput {
  name: string;
  query: string;
  role?: MonitorRole;
  isActive?: boolean;
  autoCase?: AutoCaseRule | null;
  alertEmails?: string[];
  alertWebhookUrl?: string | null;
}

export interface MonitorDto {
  id: string;
  name: string;
  query: string;
  role: MonitorRole;
  isActive: boolean;
  autoCase: AutoCaseRule | null;
  alertEmails: string[];
  alertWebhookUrl: string | null;
  /** Shown once, when the webhook URL is first set: alert webhooks are signed with it. */
  alertWebhookSecret?: string;
  createdAt: string;
  updatedAt: string;
}

export function toMonitorDto(row: Selectable<ListeningMonitorsTable>): MonitorDto {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    role: row.role,
    isActive: row.is_active,
    autoCase: row.auto_case ?? null,
    alertEmails: row.alert_emails,
    alertWebhookUrl: row.alert_webhook_url,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Refuses a query that does not parse, pointing at the character the problem is at. */
export function assertValidQuery(query: string): void {
  const result = validateQuery(query);
  if (!result.ok) {
    const { code, position, message } = result.error;
    throw new AppError('validation_failed', `Query: ${message} (at character ${position + 1})`, {
      field: 'query',
      code,
      position,
      message,
    });
  }
}

export async function listMonitors(db: Kysely<DB>, accountId: string): Promise<MonitorDto[]> {
  const rows = await db
    .selectFrom('listening_monitors')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMonitorDto);
}

export async function getMonitorRow(db: Kysely<DB>, accountId: string, id: string) {
  const row = await db
    .selectFrom('listening_monitors')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Monitor not found');
  return row;
}

export async function createMonitor(
  db: Kysely<DB>,
  accountId: string,
  input: MonitorInput,
  now: Date,
): Promise<MonitorDto> {
  assertValidQuery(input.query);
  const secret = input.alertWebhookUrl ? randomBytes(24).toString('base64url') : null;
  const row = await db
    .insertInto('listening_monitors')
    .values({
      account_id: accountId,
      name: input.name.trim(),
      query: input.query,
      role: input.role ?? 'brand',
      is_active: input.isActive ?? true,
      auto_case: input.autoCase ? JSON.stringify(input.autoCase) : null,
      alert_emails: JSON.stringify(input.alertEmails ?? []),
      alert_webhook_url: input.alertWebhookUrl ?? null,
      alert_webhook_secret: secret,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toMonitorDto(row), ...(secret ? { alertWebhookSecret: secret } : {}) };
}

export async function updateMonitor(
  db: Kysely<DB>,
  accountId: string,
  id: string,
  input: Partial<MonitorInput>,
  now: Date,
): Promise<MonitorDto> {
  if (input.query !== undefined) assertValidQuery(input.query);
  const current = await getMonitorRow(db, accountId, id);
  const needsSecret = input.alertWebhookUrl && !current.alert_webhook_secret;
  const secret = needsSecret ? randomBytes(24).toString('base64url') : undefined;
  const row = await db
    .updateTable('listening_monitors')
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.query !== undefined ? { query: input.query } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
      ...(input.autoCase !== undefined
        ? { auto_case: input.autoCase ? JSON.stringify(input.autoCase) : null }
        : {}),
      ...(input.alertEmails !== undefined ? { alert_emails: JSON.stringify(input.alertEmails) } : {}),
      ...(input.alertWebhookUrl !== undefined ? { alert_webhook_url: input.alertWebhookUrl } : {}),
      ...(secret ? { alert_webhook_secret: secret } : {}),
      updated_at: now,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toMonitorDto(row), ...(secret ? { alertWebhookSecret: secret } : {}) };
}

export async function deleteMonitor(db: Kysely<DB>, accountId: string, id: string): Promise<void> {
  const result = await db
    .deleteFrom('listening_monitors')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', 'Monitor not found');
}
