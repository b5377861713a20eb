import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';
import { conversationUpdated } from '../realtime/index.ts';
import { toMessageDto } from './dto.ts';
import { InboundBatch } from './inbound-batch.ts';
import type { Annotation } from './inbound-batch-rows.ts';

export interface MentionAsMessage {
  accountId: string;
  channelId: string;
  provider: string;
  now: Date;
  reopenWindowDays: number;
  author: {
    externalUserId: string;
    handle?: string;
    displayName?: string;
    followerCount?: number;
    isVerified?: boolean;
  };
  externalId: string;
  text: string;
  sentAt: Date;
  /** Kept on the message: the post's permalink, author link, listening mention id. */
  metadata: Record<string, unknown>;
  annotation: Annotation;
}

/**
 * A public post seen by listening becomes an inbound message on its source channel, threaded by the
 * inbox's own rules (InboundBatch). When the post is already in the inbox (it also reached the brand
 * directly), its existing message and conversation are returned instead.
 */
export async function recordMentionAsMessage(
  trx: Kysely<DB>,
  input: MentionAsMessage,
): Promise<{ conversationId: string; messageId: string; isNew: boolean }> {
  const batch = new InboundBatch(trx, {
    accountId: input.accountId,
    channelId: input.channelId,
    provider: input.provider,
    now: input.now,
    reopenWindowDays: input.reopenWindowDays,
  });
  await batch.prefetch([{ externalId: input.externalId, authorId: input.author.externalUserId }]);
  const contactId = await batch.contactFor({ provider: input.provider, ...input.author });
  const result = await batch.record(
    contactId,
    {
      externalId: input.externalId,
      text: input.text,
      attachments: [],
      isPublic: true,
      isEcho: false,
      surface: 'mention',
      sentAt: input.sentAt,
      metadata: input.metadata,
    },
    () => input.annotation,
  );
  await batch.flush();
  if (result.isStored && result.conversationId && result.messageId) {
    return { conversationId: result.conversationId, messageId: result.messageId, isNew: true };
  }
  const existing = await trx
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('channel_id', '=', input.channelId)
    .where('external_id', '=', input.externalId)
    .executeTakeFirstOrThrow();
  return { conversationId: existing.conversation_id, messageId: existing.id, isNew: false };
}

/** Realtime events for a message recorded from a mention, as the inbound worker publishes them. */
export async function mentionMessageEvents(trx: Kysely<DB>, accountId: string, messageId: string) {
  const message = await trx.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!message) return [];
  return [
    { accountId, type: 'message.created', payload: { message: toMessageDto(message) } },
    conversationUpdated(accountId, message.conversation_id),
  ];
}
