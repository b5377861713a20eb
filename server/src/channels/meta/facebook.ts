import { type ChannelAdapter, ReplyRefused } from '../adapter.ts';
import { parseMetaDelivery } from './envelope.ts';
import { echoTag, encodeGraphId, graphPost, sendApiPrivateReply, sendApiToUser } from './graph-requests.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { parseFeedChange } from './parse-feed.ts';
import { settingString } from './payload.ts';
import { checkCharLimit, checkPrivateReplyWindow, dmMessagingType, TEXT_LIMITS } from './send-rules.ts';
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
      return graphPost(channel, `${encodeGraphId(reply.replyToExternalId)}/comments`, {
        message: reply.text,
      });
    }
    checkCharLimit('Messenger', reply.text, TEXT_LIMITS.messengerChars);
    if (reply.privateReplyToCommentId) {
      checkPrivateReplyWindow('Facebook', reply.lastCustomerMessageAt, now);
      return sendApiPrivateReply(
        channel,
        reply.privateReplyToCommentId,
        reply.text,
        echoTag(reply.messageId),
      );
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
      reply.text,
      messagingType,
      echoTag(reply.messageId),
    );
  },
  interpretSend: interpretGraphSend,
};
