import { type Kysely, sql } from 'kysely';
import { type DB, isUuid } from '../db/index.ts';
import { type MessageDto, toMessageDto } from '../inbox/index.ts';

/**
 * Optimistic check before a reply: the agent loaded the conversation when `expectedLastMessageId`
 * was its last message. Returns the messages that landed since (empty when nothing did).
 */
export async function messagesSince(
  db: Kysely<DB>,
  conversationId: string,
  expectedLastMessageId: string | null,
): Promise<MessageDto[]> {
  const latest = await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .orderBy('sent_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || latest.id === expectedLastMessageId) return [];
  const isKnown =
    expectedLastMessageId !== null &&
    isUuid(expectedLastMessageId) &&
    (await db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('id', '=', expectedLastMessageId)
      .executeTakeFirst()) !== undefined;
  // Compared in SQL: created_at has microseconds that a JavaScript Date would round away.
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .$if(isKnown, (q) =>
      q.where(
        sql<boolean>`(sent_at, created_at) > (SELECT m.sent_at, m.created_at FROM messages m WHERE m.id = ${expectedLastMessageId})`,
      ),
    )
    .orderBy('sent_at')
    .orderBy('created_at')
    .limit(50)
    .execute();
  return rows.map(toMessageDto);
}
