import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';

// Whether anyone can answer the chat now: a member of the account whose presence (kept by routing:
// set by the agent, a supervisor, or inactivity) is `online`. Read-only use of routing's table.

export async function isAnyAgentOnline(db: Kysely<DB>, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agent_presence as p')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 'p.user_id').onRef('m.account_id', '=', 'p.account_id'),
    )
    .select('p.user_id')
    .where('p.account_id', '=', accountId)
    .where('p.status', '=', 'online')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const lastAnswer = new Map<string, { eventId: number; isOnline: Promise<boolean> }>();

/**
 * The answer after a presence change, asked once per change and process however many visitors of
 * the account are connected (each of their sockets sees the same event).
 */
export function isAnyAgentOnlineAfter(db: Kysely<DB>, accountId: string, eventId: number): Promise<boolean> {
  const known = lastAnswer.get(accountId);
  if (known?.eventId === eventId) return known.isOnline;
  const isOnline = isAnyAgentOnline(db, accountId);
  lastAnswer.set(accountId, { eventId, isOnline });
  return isOnline;
}
