import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';

/** A viewer who sends no heartbeat for this long is gone; the web app beats every 10 s. */
export const PRESENCE_TTL_MS = 30_000;

export type PresenceState = 'viewing' | 'typing' | 'left';

export interface Viewer {
  userId: string;
  name: string;
  state: 'viewing' | 'typing';
  since: string;
}

/**
 * Record a heartbeat: extend the agent's open work-time stretch on the conversation (starting a
 * new one if the last went stale), count typing time, or end it on 'left'.
 */
export async function recordPresence(
  db: Kysely<DB>,
  input: { accountId: string; conversationId: string; userId: string; state: PresenceState; now: Date },
): Promise<void> {
  const open = await db
    .selectFrom('conversation_work_time')
    .select(['id', 'last_seen_at', 'last_state'])
    .where('conversation_id', '=', input.conversationId)
    .where('user_id', '=', input.userId)
    .where('ended_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  const isStale = open && input.now.getTime() - open.last_seen_at.getTime() > PRESENCE_TTL_MS;
  if (open && (isStale || input.state === 'left')) {
    await db
      .updateTable('conversation_work_time')
      .set({ ended_at: isStale ? open.last_seen_at : input.now })
      .where('id', '=', open.id)
      .execute();
  }
  if (input.state === 'left') return;
  if (open && !isStale) {
    const elapsedS = Math.max(0, Math.round((input.now.getTime() - open.last_seen_at.getTime()) / 1000));
    // Time since the last beat counts as typing when the agent was typing then or is now.
    const typedS = open.last_state === 'typing' || input.state === 'typing' ? elapsedS : 0;
    await db
      .updateTable('conversation_work_time')
      .set((eb) => ({
        last_seen_at: input.now,
        last_state: input.state as 'viewing' | 'typing',
        typing_seconds: eb('typing_seconds', '+', typedS),
      }))
      .where('id', '=', open.id)
      .execute();
    return;
  }
  await db
    .insertInto('conversation_work_time')
    .values({
      account_id: input.accountId,
      user_id: input.userId,
      conversation_id: input.conversationId,
      started_at: input.now,
      last_seen_at: input.now,
      last_state: input.state,
    })
    .execute();
}

/** Who has the conversation open now (heartbeat within the TTL). */
export async function listViewers(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  now: Date,
): Promise<Viewer[]> {
  const rows = await db
    .selectFrom('conversation_work_time as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.user_id', 'u.name', 'w.last_state', 'w.started_at'])
    .where('w.account_id', '=', accountId)
    .where('w.conversation_id', '=', conversationId)
    .where('w.ended_at', 'is', null)
    .where('w.last_seen_at', '>', new Date(now.getTime() - PRESENCE_TTL_MS))
    .orderBy('w.started_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    state: r.last_state,
    since: r.started_at.toISOString(),
  }));
}

/** End stretches whose heartbeats stopped (at their last beat); returns the conversations touched. */
export async function closeStaleWorkTime(
  db: Kysely<DB>,
  now: Date,
): Promise<{ accountId: string; conversationId: string }[]> {
  const rows = await db
    .updateTable('conversation_work_time')
    .set({ ended_at: sql`last_seen_at` })
    .where('ended_at', 'is', null)
    .where('last_seen_at', '<=', new Date(now.getTime() - PRESENCE_TTL_MS))
    .returning(['account_id', 'conversation_id'])
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, conversationId: r.conversation_id }));
}
