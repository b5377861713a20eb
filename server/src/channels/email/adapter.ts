import type {
  Attachment,
  ChannelAdapter,
  ChannelContext,
  HttpRequestSpec,
  NormalizedEvent,
  OutboundReply,
  SendOutcome,
} from '../adapter.ts';
import { ReplyRefused } from '../adapter.ts';
import { expectShape, PayloadError, parseJsonObject } from '../meta/payload.ts';
import { withAttachmentContent } from '../outbox/reply-attachments.ts';
import { EmailDeliveryCheck } from './delivery.ts';
import { visibleReplyText } from './quotes.ts';
import { prepareEmailReply } from './reply-thread.ts';
import { deliverBySmtp } from './smtp-send.ts';

const MAX_TEXT_LENGTH = 50_000;

function attachmentKind(mimeType: string): Attachment['kind'] {
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

export function channelAddress(channel: ChannelContext): string | undefined {
  const address = channel.settings.address;
  return typeof address === 'string' && address.includes('@') ? address.toLowerCase() : undefined;
}

/** Our Message-ID for a reply: the customer's client puts it in In-Reply-To, which threads it back. */
export function outboundMessageId(messageId: string, channel: ChannelContext): string {
  const domain = channelAddress(channel)?.split('@')[1] ?? 'parley.invalid';
  return `<parley.${messageId}@${domain}>`;
}

function parseEmailDelivery(rawBody: Buffer, channel: ChannelContext): NormalizedEvent[] {
  const delivery = expectShape(EmailDeliveryCheck, parseJsonObject(rawBody), 'delivery');
  const receivedAt = new Date(delivery.receivedAt);
  if (Number.isNaN(receivedAt.getTime())) throw new PayloadError('delivery.receivedAt: not a date');
  const occurredAt = receivedAt.toISOString();
  const { message } = delivery;
  if (message.bounce) {
    return message.bounce.originalMessageIds.map((id) => ({
      kind: 'status' as const,
      eventKey: `bounce:${message.messageId}:${id}`,
      occurredAt,
      externalId: id,
      status: 'failed' as const,
      error: `Bounced${message.bounce?.status ? ` (${message.bounce.status})` : ''}: ${message.bounce?.diagnostic}`,
    }));
  }
  // Out-of-office and other automatic answers would reopen conversations and start SLA clocks.
  if (message.isAutoReply) return [];
  const fullText = message.text.trim();
  const text = visibleReplyText(fullText);
  const replyTo = message.inReplyTo ?? message.references[message.references.length - 1];
  const isEcho = message.from.address === channelAddress(channel);
  return [
    {
      kind: 'message',
      eventKey: `email:${message.messageId}`,
      occurredAt,
      externalId: message.messageId,
      ...(replyTo ? { replyToExternalId: replyTo } : {}),
      threadKey: message.references[0] ?? message.messageId,
      author: {
        externalUserId: message.from.address,
        email: message.from.address,
        ...(message.from.name ? { displayName: message.from.name } : {}),
      },
      text,
      attachments: message.attachments.map((a) => ({
        kind: attachmentKind(a.mimeType),
        mimeType: a.mimeType,
        ...(a.name ? { name: a.name } : {}),
      })),
      isPublic: false,
      isEcho,
      surface: 'email',
      metadata: {
        subject: message.subject,
        ...(text !== fullText ? { fullText } : {}),
        to: message.to.map((a) => a.address),
        ...(message.cc.length > 0 ? { cc: message.cc.map((a) => a.address) } : {}),
        ...(message.references.length > 0 ? { references: message.references } : {}),
        ...(message.date ? { dateHeader: message.date } : {}),
        hasHtml: message.hasHtml,
      },
    },
  ];
}

function smtpUrl(channel: ChannelContext): string | undefined {
  const host = channel.settings.smtpHost;
  if (typeof host !== 'string' || host === '') return undefined;
  const port = Number(channel.settings.smtpPort ?? 587);
  return `smtp://${host}:${Number.isInteger(port) && port > 0 ? port : 587}`;
}

function replySubject(subject: string | undefined): string {
  const base = (subject ?? '').trim();
  if (base === '') return 'Re: your message';
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

/** The mail for a reply, as JSON for `deliverBySmtp`; shared with the web chat's email fallback. */
export function buildEmailRequest(
  reply: OutboundReply,
  channel: ChannelContext,
  recipient: string | undefined,
): HttpRequestSpec {
  const from = channelAddress(channel);
  const url = smtpUrl(channel);
  if (!from || !url) {
    throw new ReplyRefused(
      'not_supported',
      'This channel has no sending address or SMTP server (settings.address, settings.smtpHost)',
    );
  }
  if (!recipient || !/^[^\s@]+@[^\s@]+$/.test(recipient)) {
    throw new ReplyRefused('missing_recipient', 'The customer has no email address to reply to');
  }
  if ([...reply.text].length > MAX_TEXT_LENGTH) {
    throw new ReplyRefused('too_long', `Email replies are limited to ${MAX_TEXT_LENGTH} characters`);
  }
  // MIME attachments carry the bytes themselves (loaded by the transport's `prepare`), base64 in the JSON.
  const attachments = (reply.attachments ?? []).map((file) => {
    if (!file.content) throw new Error(`attachment ${file.id} was not loaded for the mail`);
    return {
      filename: file.name,
      contentType: file.mimeType,
      contentBase64: file.content.toString('base64'),
    };
  });
  const messageId = outboundMessageId(reply.messageId, channel);
  const inReplyTo = reply.replyToExternalId?.match(/^<[^<>\s]+>$/) ? reply.replyToExternalId : undefined;
  const references = [...(reply.references ?? [])];
  if (inReplyTo && references[references.length - 1] !== inReplyTo) references.push(inReplyTo);
  const fromName = typeof channel.settings.fromName === 'string' ? channel.settings.fromName : undefined;
  const mail = {
    from: fromName ? { name: fromName, address: from } : { address: from },
    to: recipient,
    subject: replySubject(reply.subject),
    text: reply.text,
    messageId,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length > 0 ? { references: references.slice(-20) } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  return {
    method: 'POST',
    url,
    headers: {
      'message-id': messageId,
      ...(inReplyTo ? { 'in-reply-to': inReplyTo } : {}),
      ...(mail.references ? { references: mail.references.join(' ') } : {}),
    },
    body: JSON.stringify(mail),
  };
}

/** Reads what `deliverBySmtp` answers: 200 with the Message-ID, 503 for a 4xx/temporary SMTP answer, 4xx for a refusal. */
export function interpretSmtpAnswer(status: number, body: string): SendOutcome {
  let parsed: { messageId?: unknown; error?: unknown } = {};
  try {
    const value = JSON.parse(body) as unknown;
    if (value && typeof value === 'object') parsed = value as typeof parsed;
  } catch {
    // not JSON: the error text is the body itself
  }
  const error = typeof parsed.error === 'string' && parsed.error !== '' ? parsed.error : body.slice(0, 300);
  if (status >= 200 && status < 300) {
    if (typeof parsed.messageId === 'string' && parsed.messageId !== '') {
      return { kind: 'sent', externalId: parsed.messageId };
    }
    return { kind: 'failed', error: 'The mail server answer carried no Message-ID' };
  }
  if (status === 429 || status >= 500) {
    return { kind: 'retry', error: `The mail server asked to try later: ${error || status}` };
  }
  return { kind: 'failed', error: `The mail server refused the reply: ${error || status}` };
}

/**
 * Email: mail arrives through Parley's SMTP listener (or IMAP), not webhooks, so every webhook POST is
 * refused. Replies go out over the channel's SMTP server with threading headers.
 */
export const emailAdapter: ChannelAdapter = {
  provider: 'email',

  capabilities: () => ({
    isPublic: false,
    isPrivate: true,
    maxTextLength: MAX_TEXT_LENGTH,
    messagingWindowHours: null,
    supportsAttachments: true,
    maxAttachmentsPerReply: 10,
    supportsTemplates: false,
  }),

  answerHandshake: () => null,
  verifySignature: () => false,
  parse: parseEmailDelivery,

  buildSend(reply, channel) {
    if (reply.isPublic) throw new ReplyRefused('not_supported', 'Email has no public replies');
    return buildEmailRequest(reply, channel, reply.recipientExternalId);
  },

  interpretSend: (status, _headers, body) => interpretSmtpAnswer(status, body),

  transport: {
    prepare: async (db, reply, channel) =>
      withAttachmentContent(db, await prepareEmailReply(db, reply, channel)),
    deliver: deliverBySmtp,
  },
};
