import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

export interface ActivityDto {
  id: number;
  kind: string;
  actorUserId: string | null;
  actorName: string | null;
  messageId: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** A conversation's activity, oldest first, for its timeline. */
export async function listActivity(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  options: { afterId?: number; limit?: number } = {},
): Promise<ActivityDto[]> {
  const rows = await db
    .selectFrom('conversation_activity as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select([
      'a.id',
      'a.kind',
      'a.actor_user_id',
      'u.name as actor_name',
      'a.message_id',
      'a.data',
      'a.occurred_at',
    ])
    .where('a.account_id', '=', accountId)
    .where('a.conversation_id', '=', conversationId)
    .where('a.id', '>', options.afterId ?? 0)
    .orderBy('a.id')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    messageId: row.message_id,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
  }));
}
