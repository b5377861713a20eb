import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';
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
  const known = expectedLastMessageId
    ? await db
        .selectFrom('messages')
        .select(['sent_at', 'created_at'])
        .where('conversation_id', '=', conversationId)
        .where('id', '=', expectedLastMessageId)
        .executeTakeFirst()
    : undefined;
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .$if(known !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('sent_at', '>', known!.sent_at),
          eb.and([eb('sent_at', '=', known!.sent_at), eb('created_at', '>', known!.created_at)]),
        ]),
      ),
    )
    .orderBy('sent_at')
    .orderBy('created_at')
    .limit(50)
    .execute();
  return rows.map(toMessageDto);
}
