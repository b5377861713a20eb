import { type ChannelAdapter, ReplyRefused } from '../adapter.ts';
import { sendApiContent } from './attachment-sends.ts';
import { parseMetaDelivery } from './envelope.ts';
import { echoTag, sendApiPrivateReply, sendApiToUser } from './graph-requests.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { parseMessagingEvent } from './parse-messaging.ts';
import { settingString } from './payload.ts';
import {
  ATTACHMENT_LIMITS,
  checkCharLimit,
  checkPrivateReplyWindow,
  dmMessagingType,
  TEXT_LIMITS,
} from './send-rules.ts';
import { answerMetaHandshake, verifyMetaSignature } from './webhook.ts';

// Messenger: object "page", entry[].messaging[]. Page feed changes on the same object belong to
// the Facebook adapter and are ignored here.

export const messengerAdapter: ChannelAdapter = {
  provider: 'messenger',
  capabilities: () => ({
    isPublic: false,
    isPrivate: true,
    maxTextLength: TEXT_LIMITS.messengerChars,
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
    const pageId = settingString(channel, 'pageId');
    return parseMetaDelivery(rawBody, 'page', (entry, where) => {
      if (pageId && entry.id !== pageId) return [];
      return (entry.messaging ?? []).flatMap((event, index) =>
        parseMessagingEvent(event, entry, `${where}.messaging.${index}`),
      );
    });
  },
  buildSend(reply, channel, now) {
    if (reply.isPublic) throw new ReplyRefused('not_supported', 'Messenger has no public replies.');
    checkCharLimit('Messenger', reply.text, TEXT_LIMITS.messengerChars);
    const content = sendApiContent('Messenger', reply);
    if (reply.privateReplyToCommentId) {
      checkPrivateReplyWindow('Facebook', reply.lastCustomerMessageAt, now);
      return sendApiPrivateReply(channel, reply.privateReplyToCommentId, content, echoTag(reply.messageId));
    }
    if (!reply.recipientExternalId) {
      throw new ReplyRefused('missing_recipient', 'A Messenger reply needs the customer’s page-scoped id.');
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
