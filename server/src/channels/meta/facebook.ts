import { type ChannelAdapter, ReplyRefused } from '../adapter.ts';
import { mediaFamily, sendApiContent, singleAttachment } from './attachment-sends.ts';
import { parseMetaDelivery } from './envelope.ts';
import { echoTag, encodeGraphId, graphPost, sendApiPrivateReply, sendApiToUser } from './graph-requests.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { parseFeedChange } from './parse-feed.ts';
import { settingString } from './payload.ts';
import {
  ATTACHMENT_LIMITS,
  checkCharLimit,
  checkPrivateReplyWindow,
  dmMessagingType,
  TEXT_LIMITS,
} from './send-rules.ts';
import { answerMetaHandshake, verifyMetaSignature } from './webhook.ts';

// Facebook Page comments: object "page", entry[].changes[] field "feed". Public replies go to
// /{comment-id}/comments; the private follow-up is a Send API private reply to the comment.

export const facebookAdapter: ChannelAdapter = {
  provider: 'facebook',
  capabilities: () => ({
    isPublic: true,
    isPrivate: true,
    maxTextLength: TEXT_LIMITS.facebookCommentChars,
    messagingWindowHours: null,
    humanAgentWindowHours: 168,
    supportsAttachments: true,
    maxAttachmentsPerReply: 1,
    maxAttachmentBytes: ATTACHMENT_LIMITS.sendApi,
    supportsTemplates: false,
  }),
  answerHandshake: answerMetaHandshake,
  verifySignature: verifyMetaSignature,
  parse(rawBody, channel) {
    const pageId = settingString(channel, 'pageId');
    return parseMetaDelivery(rawBody, 'page', (entry, where) => {
      if (pageId && entry.id !== pageId) return [];
      return (entry.changes ?? []).flatMap((change, index) =>
        parseFeedChange(change, entry, pageId ?? entry.id, `${where}.changes.${index}`),
      );
    });
  },
  buildSend(reply, channel, now) {
    if (reply.isPublic) {
      if (!reply.replyToExternalId) {
        throw new ReplyRefused(
          'missing_recipient',
          'A public Facebook reply needs the comment or post it answers.',
        );
      }
      checkCharLimit('A Facebook comment', reply.text, TEXT_LIMITS.facebookCommentChars);
      // A comment carries one photo by URL (`attachment_url`) beside its text.
      const photo = singleAttachment('A Facebook comment', reply);
      if (photo && mediaFamily(photo.mimeType) !== 'image') {
        throw new ReplyRefused('not_supported', 'A Facebook comment can carry a photo, not other files.');
      }
      return graphPost(channel, `${encodeGraphId(reply.replyToExternalId)}/comments`, {
        ...(reply.text !== '' ? { message: reply.text } : {}),
        ...(photo ? { attachment_url: photo.url } : {}),
      });
    }
    checkCharLimit('Messenger', reply.text, TEXT_LIMITS.messengerChars);
    const content = sendApiContent('Messenger', reply);
    if (reply.privateReplyToCommentId) {
      checkPrivateReplyWindow('Facebook', reply.lastCustomerMessageAt, now);
      return sendApiPrivateReply(channel, reply.privateReplyToCommentId, content, echoTag(reply.messageId));
    }
    if (!reply.recipientExternalId) {
      throw new ReplyRefused(
        'missing_recipient',
        'A private Facebook reply needs a comment id or the customer’s id.',
      );
    }
    const messagingType = dmMessagingType('Messenger', reply.lastCustomerMessageAt, now);
    return sendApiToUser(
      channel,
      reply.recipientExternalId,
      content,
      messagingType,
      echoTag(reply.messageId),
    );
  },
  interpretSend: interpretGraphSend,
};
