import type { Kysely } from 'kysely';
import { type DB, isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

/** Lock the account's conversation row for this transaction, or answer 404. */
export async function lockConversation(db: Kysely<DB>, accountId: string, conversationId: string) {
  if (!isUuid(conversationId)) throw new AppError('conversation_not_found');
  const row = await db
    .selectFrom('conversations')
    .select([
      'id',
      'status',
      'assignee_id',
      'team_id',
      'channel_id',
      'is_public',
      'snoozed_until',
      'merged_into_id',
    ])
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('conversation_not_found');
  return row;
}
