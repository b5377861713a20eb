import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  ChannelAdapter,
  ChannelContext,
  HttpRequestSpec,
  NormalizedEvent,
  OutboundReply,
  SendOutcome,
  WebhookRequest,
} from '../adapter.ts';
import { ReplyRefused } from '../adapter.ts';
import { parseApiDelivery } from './payload.ts';

export const API_SIGNATURE_HEADER = 'x-parley-signature';
const MAX_TEXT_LENGTH = 10_000;

export function signApiBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function header(req: WebhookRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The generic API channel: any system can post customer messages to Parley and receive agents'
 * replies at its callback URL, both signed with the channel secret (HMAC-SHA256, hex).
 */
export const apiAdapter: ChannelAdapter = {
  provider: 'api',

  capabilities: () => ({
    isPublic: true,
    isPrivate: true,
    maxTextLength: MAX_TEXT_LENGTH,
    messagingWindowHours: null,
    supportsAttachments: true,
    maxAttachmentsPerReply: 10,
    supportsTemplates: false,
  }),

  answerHandshake: () => null,

  verifySignature(req, channel) {
    const secret = channel.secrets.signingSecret;
    const given = header(req, API_SIGNATURE_HEADER);
    if (!secret || !given) return false;
    const expected = Buffer.from(signApiBody(secret, req.rawBody));
    const actual = Buffer.from(given.trim().toLowerCase());
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },

  parse(rawBody: Buffer): NormalizedEvent[] {
    return parseApiDelivery(rawBody);
  },

  buildSend(reply: OutboundReply, channel: ChannelContext): HttpRequestSpec {
    const callbackUrl = channel.settings.callbackUrl;
    if (typeof callbackUrl !== 'string' || callbackUrl === '') {
      throw new ReplyRefused(
        'not_supported',
        'This API channel has no callback URL, so replies cannot be delivered',
      );
    }
    if ([...reply.text].length > MAX_TEXT_LENGTH) {
      throw new ReplyRefused(
        'too_long',
        `Replies on this channel are limited to ${MAX_TEXT_LENGTH} characters`,
      );
    }
    const body = JSON.stringify({
      id: reply.messageId,
      text: reply.text,
      isPublic: reply.isPublic,
      replyTo: reply.replyToExternalId ?? null,
      recipient: { id: reply.recipientExternalId ?? null },
      // Each file by its signed, expiring URL: the receiver fetches what it wants to keep.
      attachments: (reply.attachments ?? []).map((file) => ({
        id: file.id,
        name: file.name,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        url: file.url,
      })),
    });
    return {
      method: 'POST',
      url: callbackUrl,
      headers: {
        'content-type': 'application/json',
        'x-parley-delivery': reply.messageId,
        [API_SIGNATURE_HEADER]: signApiBody(channel.secrets.signingSecret ?? '', body),
      },
      body,
    };
  },

  interpretSend(status, headers, body): SendOutcome {
    if (status >= 200 && status < 300) {
      let externalId: string | undefined;
      try {
        const parsed = JSON.parse(body) as { id?: unknown };
        if (typeof parsed.id === 'string' && parsed.id !== '') externalId = parsed.id;
      } catch {
        // A receiver may answer with an empty body; our own id then stands for the message.
      }
      return { kind: 'sent', externalId: externalId ?? '' };
    }
    if (status === 429 || status >= 500) {
      const retryAfter = Number(headers['retry-after']);
      return {
        kind: 'retry',
        error: `callback answered ${status}`,
        ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    return { kind: 'failed', error: `callback refused the reply with ${status}: ${body.slice(0, 200)}` };
  },
};
