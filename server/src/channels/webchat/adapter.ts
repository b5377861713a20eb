import type {
  ChannelAdapter,
  ChannelContext,
  HttpRequestSpec,
  NormalizedEvent,
  SendOutcome,
} from '../adapter.ts';
import { ReplyRefused } from '../adapter.ts';
import { buildEmailRequest, deliverBySmtp } from '../email/index.ts';
import { expectShape, PayloadError, parseJsonObject } from '../meta/payload.ts';
import { MAX_CHAT_TEXT, WebchatDeliveryCheck } from './delivery.ts';
import { prepareChatReply } from './email-route.ts';

export function chatExternalId(visitorId: string, clientId: string): string {
  return `chat:${visitorId}:${clientId}`;
}

function parseWebchatDelivery(rawBody: Buffer): NormalizedEvent[] {
  const delivery = expectShape(WebchatDeliveryCheck, parseJsonObject(rawBody), 'delivery');
  const receivedAt = new Date(delivery.receivedAt);
  if (Number.isNaN(receivedAt.getTime())) throw new PayloadError('delivery.receivedAt: not a date');
  const { visitor, message } = delivery;
  const externalId = chatExternalId(visitor.id, message.clientId);
  return [
    {
      kind: 'message',
      eventKey: externalId,
      occurredAt: receivedAt.toISOString(),
      externalId,
      threadKey: visitor.id,
      author: {
        externalUserId: visitor.id,
        ...(visitor.name ? { displayName: visitor.name } : {}),
        // Only a verified visitor's address may join them to an existing contact.
        ...(visitor.isVerified && visitor.email ? { email: visitor.email } : {}),
      },
      text: message.text,
      attachments: [],
      isPublic: false,
      isEcho: false,
      surface: 'chat',
      metadata: {
        isVerified: visitor.isVerified,
        ...(visitor.origin ? { origin: visitor.origin } : {}),
        ...(visitor.pageUrl ? { pageUrl: visitor.pageUrl } : {}),
      },
    },
  ];
}

/**
 * Web chat: visitors write over Parley's own socket (`/webchat/:channelId`), so webhooks are refused.
 * A reply is shown live by the visitor's socket once the outbox marks it sent; a visitor who has
 * left gets it by email when they gave an address (route: email-route.ts).
 */
export const webchatAdapter: ChannelAdapter = {
  provider: 'webchat',

  capabilities: () => ({
    isPublic: false,
    isPrivate: true,
    maxTextLength: MAX_CHAT_TEXT,
    messagingWindowHours: null,
    supportsAttachments: false,
    supportsTemplates: false,
  }),

  answerHandshake: () => null,
  verifySignature: () => false,
  parse: (rawBody) => parseWebchatDelivery(rawBody),

  buildSend(reply, channel: ChannelContext): HttpRequestSpec {
    if (reply.isPublic) throw new ReplyRefused('not_supported', 'Web chat has no public replies');
    const visitorId = reply.recipientExternalId;
    if (!visitorId)
      throw new ReplyRefused('missing_recipient', 'This conversation has no chat visitor to answer');
    if ([...reply.text].length > MAX_CHAT_TEXT) {
      throw new ReplyRefused('too_long', `Chat replies are limited to ${MAX_CHAT_TEXT} characters`);
    }
    if (reply.fallbackEmail) {
      // The visitor has left: the same reply as an email to the address they gave.
      const mail = buildEmailRequest(
        { ...reply, subject: reply.subject ?? 'Your chat with us' },
        channel,
        reply.fallbackEmail,
      );
      return { ...mail, headers: { ...mail.headers, 'x-parley-via': 'email' } };
    }
    return {
      method: 'POST',
      url: `webchat://${channel.id}/${encodeURIComponent(visitorId)}`,
      headers: { 'content-type': 'application/json', 'x-parley-via': 'socket' },
      body: JSON.stringify({ messageId: reply.messageId, visitorId, text: reply.text }),
    };
  },

  interpretSend(status, _headers, body): SendOutcome {
    let parsed: { id?: unknown; error?: unknown } = {};
    try {
      const value = JSON.parse(body) as unknown;
      if (value && typeof value === 'object') parsed = value as typeof parsed;
    } catch {
      // not JSON
    }
    const error =
      typeof parsed.error === 'string' && parsed.error !== ''
        ? parsed.error
        : body.slice(0, 300) || String(status);
    if (status >= 200 && status < 300) {
      return typeof parsed.id === 'string' && parsed.id !== ''
        ? { kind: 'sent', externalId: parsed.id }
        : { kind: 'failed', error: 'The chat answer carried no message id' };
    }
    if (status === 429 || status >= 500)
      return { kind: 'retry', error: `Could not deliver the chat reply yet: ${error}` };
    return { kind: 'failed', error: `The chat reply was refused: ${error}` };
  },

  transport: {
    prepare: prepareChatReply,
    async deliver(request, channel, signal) {
      if (request.url.startsWith('smtp://')) {
        const answer = await deliverBySmtp(request, channel, signal);
        if (answer.status !== 200) return answer;
        const { messageId } = JSON.parse(answer.body) as { messageId: string };
        return { ...answer, body: JSON.stringify({ id: messageId, via: 'email' }) };
      }
      // The visitor's socket (in whichever process holds it) shows the reply when it becomes
      // `sent`; a visitor who comes back later finds it in their chat history.
      const { messageId } = JSON.parse(request.body ?? '{}') as { messageId: string };
      return {
        status: 200,
        headers: {},
        body: JSON.stringify({ id: `chat-out:${messageId}`, via: 'socket' }),
      };
    },
  },
};
