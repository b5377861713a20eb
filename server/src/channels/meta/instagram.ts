import { type ChannelAdapter, ReplyRefused } from '../adapter.ts';
import { sendApiContent } from './attachment-sends.ts';
import { parseMetaDelivery } from './envelope.ts';
import { encodeGraphId, graphPost, sendApiPrivateReply, sendApiToUser } from './graph-requests.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { parseInstagramChange, parseMentionExternalId } from './parse-instagram-changes.ts';
import { parseMessagingEvent } from './parse-messaging.ts';
import { settingString } from './payload.ts';
import {
  ATTACHMENT_LIMITS,
  checkByteLimit,
  checkCharLimit,
  checkPrivateReplyWindow,
  dmMessagingType,
  TEXT_LIMITS,
} from './send-rules.ts';
import { answerMetaHandshake, verifyMetaSignature } from './webhook.ts';

// Instagram: object "instagram"; DMs in entry[].messaging[], comments and mentions in changes[].

export const instagramAdapter: ChannelAdapter = {
  provider: 'instagram',
  capabilities: () => ({
    isPublic: true,
    isPrivate: true,
    // DMs are the strictest surface (1,000 UTF-8 bytes); comments allow 2,200 characters.
    maxTextLength: TEXT_LIMITS.instagramDmBytes,
    messagingWindowHours: 24,
    humanAgentWindowHours: 168,
    supportsAttachments: true,
    maxAttachmentsPerReply: 1,
    maxAttachmentBytes: ATTACHMENT_LIMITS.sendApi,
    supportsTemplates: false,
  }),
  answerHandshake: answerMetaHandshake,
  verifySignature: verifyMetaSignature,
  parse(rawBody, channel) {
    const igAccountId = settingString(channel, 'igAccountId');
    return parseMetaDelivery(rawBody, 'instagram', (entry, where) => {
      if (igAccountId && entry.id !== igAccountId) return [];
      return [
        ...(entry.messaging ?? []).flatMap((event, index) =>
          parseMessagingEvent(event, entry, `${where}.messaging.${index}`),
        ),
        ...(entry.changes ?? []).flatMap((change, index) =>
          parseInstagramChange(change, entry, igAccountId ?? entry.id, `${where}.changes.${index}`),
        ),
      ];
    });
  },
  buildSend(reply, channel, now) {
    if (reply.isPublic) {
      if ((reply.attachments ?? []).length > 0) {
        throw new ReplyRefused(
          'not_supported',
          'Instagram comment replies cannot carry files; send them by DM.',
        );
      }
      if (!reply.replyToExternalId) {
        throw new ReplyRefused('missing_recipient', 'A public Instagram reply needs the comment it answers.');
      }
      checkCharLimit('An Instagram comment', reply.text, TEXT_LIMITS.instagramCommentChars);
      const mention = parseMentionExternalId(reply.replyToExternalId);
      if (mention) {
        const igAccountId = settingString(channel, 'igAccountId');
        if (!igAccountId)
          throw new Error(`channel ${channel.id} needs settings.igAccountId to answer mentions`);
        return graphPost(channel, `${encodeGraphId(igAccountId)}/mentions`, {
          media_id: mention.mediaId,
          ...(mention.commentId ? { comment_id: mention.commentId } : {}),
          message: reply.text,
        });
      }
      return graphPost(channel, `${encodeGraphId(reply.replyToExternalId)}/replies`, { message: reply.text });
    }
    checkByteLimit('An Instagram message', reply.text, TEXT_LIMITS.instagramDmBytes);
    // Instagram messaging takes images, videos and audio; documents are refused by the platform.
    const content = sendApiContent('Instagram', reply, ['image', 'video', 'audio']);
    if (reply.privateReplyToCommentId) {
      checkPrivateReplyWindow('Instagram', reply.lastCustomerMessageAt, now);
      return sendApiPrivateReply(channel, reply.privateReplyToCommentId, content);
    }
    if (!reply.recipientExternalId) {
      throw new ReplyRefused(
        'missing_recipient',
        'An Instagram DM needs the customer’s Instagram-scoped id.',
      );
    }
    const messagingType = dmMessagingType('Instagram', reply.lastCustomerMessageAt, now);
    return sendApiToUser(channel, reply.recipientExternalId, content, messagingType);
  },
  interpretSend: interpretGraphSend,
};
