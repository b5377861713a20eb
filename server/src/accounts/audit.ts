import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

export interface AuditEntry {
  accountId: string;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Record an admin action; call it inside the transaction that performs the action. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      account_id: entry.accountId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<DB>, accountId: string, limit = 100) {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
      'audit_log.created_at',
      'users.email as actor_email',
    ])
    .where('audit_log.account_id', '=', accountId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details,
    actorEmail: r.actor_email,
    createdAt: r.created_at.toISOString(),
  }));
}
