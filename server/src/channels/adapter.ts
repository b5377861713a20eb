import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

// The contract every provider adapter fulfils. The inbound pipeline and the outbox sender speak only
// this interface; provider folders (`api/`, `meta/`, `x/`, `email/`, `webchat/`) implement it.

export type Provider =
  | 'api'
  | 'messenger'
  | 'facebook'
  | 'instagram'
  | 'whatsapp'
  | 'x'
  | 'email'
  | 'webchat';

export interface ChannelSecrets {
  /** HMAC key for inbound signatures (Meta app secret, X consumer secret, API channel secret). */
  signingSecret?: string;
  /** Token the platform echoes in its verification handshake (Meta `hub.verify_token`). */
  verifyToken?: string;
  /** Bearer token for the platform's send API (page token, WhatsApp token, X user token). */
  accessToken?: string;
  /** Email channels: password of the IMAP mailbox Parley polls. */
  imapPassword?: string;
}

export interface ChannelContext {
  id: string;
  accountId: string;
  provider: Provider;
  secrets: ChannelSecrets;
  /** Non-secret settings: page id, IG account id, phone-number id, X user id, API base URL, callback URL. */
  settings: Record<string, unknown>;
}

export interface AuthorRef {
  externalUserId: string;
  handle?: string;
  displayName?: string;
  followerCount?: number;
  isVerified?: boolean;
  email?: string;
  phone?: string;
}

export interface Attachment {
  kind: 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker' | 'other';
  url?: string;
  mimeType?: string;
  name?: string;
  latitude?: number;
  longitude?: number;
}

export interface Engagement {
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
}

interface EventBase {
  /** Unique per channel for idempotency: the platform's own id for the event where it has one. */
  eventKey: string;
  occurredAt: string; // ISO 8601
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  externalId: string;
  /** Platform id of the message this one answers (tweet, parent comment, email Message-ID). */
  replyToExternalId?: string;
  /** A stable thread handle on the platform (post id for comments, PSID for DMs, References root). */
  threadKey?: string;
  author: AuthorRef;
  text: string;
  attachments: Attachment[];
  isPublic: boolean;
  /** True when the platform echoes a message the brand sent (ours or from another tool). */
  isEcho: boolean;
  /** Sub-kind for the timeline: 'dm', 'comment', 'mention', 'reply', 'quote', 'email', 'chat'. */
  surface: string;
  engagement?: Engagement;
  /** Permalink to the public post, when the platform provides or implies one. */
  permalink?: string;
  /** Interactive replies (WhatsApp button/list), quick-reply payloads and other structured extras. */
  metadata?: Record<string, unknown>;
}

export interface EditEvent extends EventBase {
  kind: 'edit';
  externalId: string;
  text: string;
}

export interface DeleteEvent extends EventBase {
  kind: 'delete';
  externalId: string;
}

export interface StatusEvent extends EventBase {
  kind: 'status';
  /** Platform id of OUR outbound message whose status changed. */
  externalId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error?: string;
  /** Read receipts on Messenger cover every message up to a watermark time, not one id. */
  watermark?: string;
  recipientId?: string;
  /** Parley's own message id when the platform returns it with the status (WhatsApp callback data). */
  outboundMessageId?: string;
}

export type NormalizedEvent = MessageEvent | EditEvent | DeleteEvent | StatusEvent;

export interface Capabilities {
  isPublic: boolean;
  isPrivate: boolean;
  maxTextLength: number;
  /** Hours after the customer's last message during which a free-form reply is allowed (null: none). */
  messagingWindowHours: number | null;
  /** Hours a human-agent reply is still allowed past the window (Meta HUMAN_AGENT tag), if any. */
  humanAgentWindowHours?: number;
  supportsAttachments: boolean;
  /** Most files one reply may carry where attachments are supported (Meta sends one per message). */
  maxAttachmentsPerReply?: number;
  /**
   * The platform's own size limit per kind of file, in bytes, where it is stricter than what
   * Parley accepts for upload (ATTACHMENT_MAX_BYTES). A kind left out has no limit of its own.
   */
  maxAttachmentBytes?: Partial<Record<'image' | 'video' | 'audio' | 'file', number>>;
  supportsTemplates: boolean;
}

/** A file an agent attached to a reply, as the adapter sends it. */
export interface OutboundAttachment {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  /** Signed, expiring URL under PUBLIC_URL that the platform fetches the file from. */
  url: string;
  /** The bytes, for channels that carry the file itself (email); loaded by the transport's `prepare`. */
  content?: Buffer;
}

export interface OutboundReply {
  messageId: string;
  text: string;
  isPublic: boolean;
  /** External id of the message being answered (comment id, tweet id, Message-ID). */
  replyToExternalId?: string;
  /** Recipient's platform user id (PSID, IGSID, WhatsApp phone, X user id, email address). */
  recipientExternalId?: string;
  /** For a private reply to a public comment (Meta `recipient.comment_id`). */
  privateReplyToCommentId?: string;
  /** Last customer message time, for messaging-window rules. */
  lastCustomerMessageAt?: string;
  template?: { name: string; language: string; parameters: string[] };
  subject?: string;
  /** Email threading: Message-IDs of the thread, oldest first. */
  references?: string[];
  /** Web chat: the visitor has left the page and gave this address; the reply goes by email. */
  fallbackEmail?: string;
  /**
   * Send through this other channel of the account instead (set by `prepare`: web chat's email
   * fallback through the account's email channel). Its adapter builds, delivers and reads the send.
   */
  viaChannelId?: string;
  /** Files the agent attached; only for channels whose capabilities declare `supportsAttachments`. */
  attachments?: OutboundAttachment[];
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type SendOutcome =
  | { kind: 'sent'; externalId: string }
  | { kind: 'retry'; retryAfterMs?: number; error: string }
  | { kind: 'failed'; error: string };

export class ReplyRefused extends Error {
  constructor(
    readonly code: 'too_long' | 'window_closed' | 'not_supported' | 'missing_recipient',
    message: string,
  ) {
    super(message);
  }
}

export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
}

/** A platform's answer to a send, in HTTP terms, whatever carried it (HTTP, SMTP, a visitor socket). */
export interface TransportAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * For channels whose replies do not go out as an HTTP request (email over SMTP, web chat over the
 * visitor's socket). The outbox calls `prepare`, then `buildSend`, then `deliver` instead of fetch.
 */
export interface ReplyTransport {
  /** Add what the reply needs beyond the outbox row (email References, a visitor's address). */
  prepare?(db: Kysely<DB>, reply: OutboundReply, channel: ChannelContext): Promise<OutboundReply>;
  /**
   * Deliver a built request. Throws an Error named `TimeoutError` when the request may have
   * reached the other side without an answer (outcome unknown); any other throw means nothing
   * was accepted, so a retry is safe.
   */
  deliver(request: HttpRequestSpec, channel: ChannelContext, signal: AbortSignal): Promise<TransportAnswer>;
}

export interface ChannelAdapter {
  provider: Provider;
  capabilities(channel: ChannelContext): Capabilities;
  /** Answer a GET verification handshake; null when the request is not a valid handshake. */
  answerHandshake(
    req: WebhookRequest,
    channel: ChannelContext,
  ): { status: number; contentType: string; body: string } | null;
  /** Constant-time check of the platform signature over the raw body. */
  verifySignature(req: WebhookRequest, channel: ChannelContext): boolean;
  /** Parse one verified delivery (may batch many entries) into normalised events. Throws on schema failure. */
  parse(rawBody: Buffer, channel: ChannelContext): NormalizedEvent[];
  /** Build the platform request for a reply; throws ReplyRefused before anything is sent. */
  buildSend(reply: OutboundReply, channel: ChannelContext, now: Date): HttpRequestSpec;
  /** Interpret the platform's answer to a send. */
  interpretSend(status: number, headers: Record<string, string>, body: string, now: Date): SendOutcome;
  /** Set by channels that do not send over HTTP; `buildSend`'s URL then names the transport. */
  transport?: ReplyTransport;
}
