import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { ChannelContext, OutboundReply } from '../adapter.ts';

/**
 * What a reply needs to thread in the customer's mail client: the subject of the thread and the
 * Message-IDs of the conversation so far (ours and theirs), oldest first, as References.
 */
export async function prepareEmailReply(
  db: Kysely<DB>,
  reply: OutboundReply,
  channel: ChannelContext,
): Promise<OutboundReply> {
  const own = await db
    .selectFrom('messages')
    .select(['conversation_id'])
    .where('id', '=', reply.messageId)
    .where('account_id', '=', channel.accountId)
    .executeTakeFirst();
  if (!own) return reply;
  const thread = await db
    .selectFrom('messages')
    .select(['external_id', 'direction', 'metadata'])
    .where('conversation_id', '=', own.conversation_id)
    .where('account_id', '=', channel.accountId)
    .where('channel_id', '=', channel.id)
    .where('external_id', 'is not', null)
    .orderBy('sent_at')
    .orderBy('created_at')
    .execute();
  const references = thread.map((m) => m.external_id as string).filter((id) => /^<[^<>\s]+>$/.test(id));
  const subject = thread
    .map((m) => (m.metadata as { subject?: unknown }).subject)
    .find((s): s is string => typeof s === 'string' && s.trim() !== '');
  return {
    ...reply,
    ...(references.length > 0 ? { references } : {}),
    ...(subject ? { subject } : {}),
  };
}
