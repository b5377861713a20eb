import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';
import { takeEventOrderLock } from '../realtime/index.ts';
import type { ActivityInput } from './types.ts';

/** Append activity inside the caller's transaction; ids become visible in id order. */
export async function appendActivity(trx: Kysely<DB>, rows: ActivityInput[]): Promise<void> {
  if (rows.length === 0) return;
  await takeEventOrderLock(trx);
  await trx
    .insertInto('conversation_activity')
    .values(
      rows.map((row) => ({
        account_id: row.accountId,
        conversation_id: row.conversationId,
        kind: row.kind,
        actor_user_id: row.actorUserId ?? null,
        message_id: row.messageId ?? null,
        data: JSON.stringify(row.data ?? {}),
        occurred_at: row.occurredAt,
      })),
    )
    .execute();
}
