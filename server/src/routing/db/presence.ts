// Agent presence: set by the agent (or a supervisor) and by inactivity, with a history of every
// stretch for analytics (time online per agent).
import { type Kysely, sql } from 'kysely';
import type { DB, PresenceStatus } from '../../db/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';

export type PresenceSetBy = 'agent' | 'inactivity' | 'supervisor' | 'system';

export interface PresenceDto {
  userId: string;
  status: PresenceStatus;
  setBy: PresenceSetBy;
  changedAt: string;
  lastActiveAt: string;
}

/**
 * Set an agent's presence (inside the caller's transaction): closes the open history stretch and
 * opens a new one when the status changes, refreshes last activity, announces `presence.changed`.
 * Returns whether the status changed.
 */
export async function setPresence(
  trx: Kysely<DB>,
  input: { accountId: string; userId: string; status: PresenceStatus; setBy: PresenceSetBy; now: Date },
): Promise<boolean> {
  const { accountId, userId, status, setBy, now } = input;
  const current = await trx
    .selectFrom('agent_presence')
    .select(['status'])
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  const isChange = current?.status !== status;
  const isActive = setBy === 'agent' || setBy === 'supervisor';
  if (!current) {
    await trx
      .insertInto('agent_presence')
      .values({
        account_id: accountId,
        user_id: userId,
        status,
        set_by: setBy,
        changed_at: now,
        last_active_at: now,
      })
      .onConflict((oc) => oc.columns(['account_id', 'user_id']).doNothing())
      .execute();
  } else {
    await trx
      .updateTable('agent_presence')
      .set({
        status,
        ...(isChange ? { set_by: setBy, changed_at: now } : {}),
        ...(isActive || isChange ? { last_active_at: now } : {}),
      })
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .execute();
  }
  if (!isChange) return false;
  await trx
    .updateTable('presence_history')
    .set({ ended_at: now })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
  await trx
    .insertInto('presence_history')
    .values({ account_id: accountId, user_id: userId, status, set_by: setBy, started_at: now })
    .execute();
  await appendRealtimeEvents(trx, [
    { accountId, type: 'presence.changed', payload: { userId, status, setBy, changedAt: now.toISOString() } },
  ]);
  return true;
}

/** Record that an agent did something (a reply, a heartbeat) without waiting for a lock. */
export async function touchAgents(
  trx: Kysely<DB>,
  accountId: string,
  userIds: string[],
  now: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  // Rows a routing pass holds are skipped, not waited for: activity a moment later is as good.
  await sql`
    UPDATE agent_presence SET last_active_at = ${now}
    WHERE account_id = ${accountId} AND user_id IN (
      SELECT user_id FROM agent_presence
      WHERE account_id = ${accountId} AND user_id IN (${sql.join(userIds)}) AND last_active_at < ${now}
      FOR UPDATE SKIP LOCKED)`.execute(trx);
}

export async function getPresence(db: Kysely<DB>, accountId: string, userId: string): Promise<PresenceDto> {
  const row = await db
    .selectFrom('agent_presence')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row)
    return {
      userId,
      status: 'offline',
      setBy: 'system',
      changedAt: new Date(0).toISOString(),
      lastActiveAt: new Date(0).toISOString(),
    };
  return {
    userId,
    status: row.status,
    setBy: row.set_by,
    changedAt: row.changed_at.toISOString(),
    lastActiveAt: row.last_active_at.toISOString(),
  };
}
