import { type ChannelAdapter, ReplyRefused } from '../adapter.ts';
import { singleAttachment, whatsappMediaMessage } from './attachment-sends.ts';
import { parseMetaDelivery } from './envelope.ts';
import { echoTag, encodeGraphId, graphPost } from './graph-requests.ts';
import { interpretGraphSend } from './interpret-send.ts';
import { parseWhatsAppChange } from './parse-whatsapp.ts';
import { settingString } from './payload.ts';
import { ATTACHMENT_LIMITS, checkCharLimit, isWhatsAppWindowOpen, TEXT_LIMITS } from './send-rules.ts';
import { answerMetaHandshake, verifyMetaSignature } from './webhook.ts';

// WhatsApp Cloud API: object "whatsapp_business_account", changes[] field "messages".

export const whatsappAdapter: ChannelAdapter = {
  provider: 'whatsapp',
  capabilities: () => ({
    isPublic: false,
    isPrivate: true,
    maxTextLength: TEXT_LIMITS.whatsappChars,
    messagingWindowHours: 24,
    supportsAttachments: true,
    maxAttachmentsPerReply: 1,
    maxAttachmentBytes: ATTACHMENT_LIMITS.whatsapp,
    supportsTemplates: true,
  }),
  answerHandshake: answerMetaHandshake,
  verifySignature: verifyMetaSignature,
  parse(rawBody, channel) {
    const phoneNumberId = settingString(channel, 'phoneNumberId');
    return parseMetaDelivery(rawBody, 'whatsapp_business_account', (entry, where) =>
      (entry.changes ?? []).flatMap((change, index) =>
        parseWhatsAppChange(change, phoneNumberId, `${where}.changes.${index}`),
      ),
    );
  },
  buildSend(reply, channel, now) {
    if (reply.isPublic) throw new ReplyRefused('not_supported', 'WhatsApp has no public replies.');
    if (!reply.recipientExternalId) {
      throw new ReplyRefused('missing_recipient', 'A WhatsApp reply needs the customer’s WhatsApp number.');
    }
    const phoneNumberId = settingString(channel, 'phoneNumberId');
    if (!phoneNumberId) throw new Error(`channel ${channel.id} needs settings.phoneNumberId to send`);
    const path = `${encodeGraphId(phoneNumberId)}/messages`;
    const to = reply.recipientExternalId.replace(/^\+/, '');
    const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to };

    if (reply.template) {
      // Approved templates may be sent at any time, inside or outside the 24-hour window.
      const { name, language, parameters } = reply.template;
      // A template without variables takes no components at all.
      const components =
        parameters.length > 0
          ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] }
          : {};
      return graphPost(channel, path, {
        ...envelope,
        type: 'template',
        template: { name, language: { code: language }, ...components },
        biz_opaque_callback_data: echoTag(reply.messageId),
      });
    }
    if (!isWhatsAppWindowOpen(reply.lastCustomerMessageAt, now)) {
      throw new ReplyRefused(
        'window_closed',
        'The customer has not written to this WhatsApp number in the last 24 hours; only an approved ' +
          'template message can be sent now.',
      );
    }
    const file = singleAttachment('WhatsApp', reply);
    if (file) {
      return graphPost(channel, path, {
        ...envelope,
        ...whatsappMediaMessage(file, reply.text),
        biz_opaque_callback_data: echoTag(reply.messageId),
      });
    }
    checkCharLimit('WhatsApp', reply.text, TEXT_LIMITS.whatsappChars);
    return graphPost(channel, path, {
      ...envelope,
      type: 'text',
      text: { preview_url: false, body: reply.text },
      // Returned in every status webhook: a status that beats our send's answer still finds the reply.
      biz_opaque_callback_data: echoTag(reply.messageId),
    });
  },
  interpretSend: interpretGraphSend,
};
