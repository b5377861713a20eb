import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';
import { getConversationDtos } from '../inbox/index.ts';
import { appendRealtimeEvents, type RealtimeEvent } from '../realtime/index.ts';

/** Append `conversation.updated` (plus any other events) inside the change's transaction. */
export async function publishConversation(
  trx: Kysely<DB>,
  accountId: string,
  conversationId: string,
  extra: Omit<RealtimeEvent, 'accountId'>[] = [],
): Promise<void> {
  const [conversation] = await getConversationDtos(trx, accountId, [conversationId]);
  await appendRealtimeEvents(trx, [
    ...extra.map((e) => ({ ...e, accountId })),
    ...(conversation ? [{ accountId, type: 'conversation.updated', payload: { conversation } }] : []),
  ]);
}
