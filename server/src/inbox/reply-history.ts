import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';

/**
 * The account's own history as (customer message → agent reply) pairs: each agent reply with the
 * customer message it answered (the latest inbound message before it in the conversation).
 */
export async function listReplyPairs(db: Kysely<DB>, accountId: string, limit = 5000) {
  const rows = await sql<{ customer_text: string; reply_text: string }>`
    SELECT c.text AS customer_text, r.text AS reply_text
    FROM messages r
    CROSS JOIN LATERAL (
      SELECT m.text FROM messages m
      WHERE m.conversation_id = r.conversation_id AND m.direction = 'in' AND m.sent_at <= r.sent_at
      ORDER BY m.sent_at DESC LIMIT 1
    ) c
    WHERE r.account_id = ${accountId} AND r.direction = 'out' AND r.author_type = 'user'
      AND r.delivery_status NOT IN ('failed')
    ORDER BY r.sent_at DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ customerText: r.customer_text, replyText: r.reply_text }));
}

/** The latest customer message of a conversation, or null. */
export async function latestCustomerText(db: Kysely<DB>, conversationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .select('text')
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.text ?? null;
}
