import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { mentionMessageEvents, recordMentionAsMessage } from '../../inbox/index.ts';
import type { RealtimeEvent } from '../../realtime/index.ts';
import { annotationFromStored } from './mention-triage.ts';

/**
 * Make a mention a case: an inbound message on the source channel (author, text, permalink and
 * triage carried over) threaded by the inbox, with links both ways. Converting twice is a no-op.
 */
export async function convertMentionToCase(
  trx: Kysely<DB>,
  input: { accountId: string; mentionId: string; now: Date; reopenWindowDays: number; by: string },
): Promise<{ conversationId: string; messageId: string; isNew: boolean; events: RealtimeEvent[] }> {
  const mention = await trx
    .selectFrom('listening_mentions')
    .selectAll()
    .where('account_id', '=', input.accountId)
    .where('id', '=', input.mentionId)
    .forUpdate()
    .executeTakeFirst();
  if (!mention) throw new AppError('not_found', 'Mention not found');
  if (mention.conversation_id && mention.message_id) {
    return {
      conversationId: mention.conversation_id,
      messageId: mention.message_id,
      isNew: false,
      events: [],
    };
  }
  const recorded = await recordMentionAsMessage(trx, {
    accountId: input.accountId,
    channelId: mention.channel_id,
    provider: mention.provider,
    now: input.now,
    reopenWindowDays: input.reopenWindowDays,
    author: {
      externalUserId: mention.author_external_id,
      ...(mention.author_handle ? { handle: mention.author_handle } : {}),
      ...(mention.author_name ? { displayName: mention.author_name } : {}),
      ...(mention.author_followers !== null ? { followerCount: mention.author_followers } : {}),
      isVerified: mention.author_verified,
    },
    externalId: mention.external_id,
    text: mention.text,
    sentAt: mention.posted_at,
    metadata: {
      listeningMentionId: mention.id,
      permalink: mention.permalink,
      authorUrl: mention.author_url,
      engagement: mention.engagement_detail,
    },
    annotation: annotationFromStored(mention.triage),
  });
  await trx
    .updateTable('listening_mentions')
    .set({
      conversation_id: recorded.conversationId,
      message_id: recorded.messageId,
      converted_at: input.now,
      converted_by: input.by,
      updated_at: input.now,
    })
    .where('id', '=', mention.id)
    .execute();
  const events: RealtimeEvent[] = recorded.isNew
    ? await mentionMessageEvents(trx, input.accountId, recorded.messageId)
    : [];
  events.push({
    accountId: input.accountId,
    type: 'listening.mention_converted',
    payload: { mentionId: mention.id, conversationId: recorded.conversationId, by: input.by },
  });
  return { ...recorded, events };
}
