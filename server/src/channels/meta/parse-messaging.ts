import type { Attachment, NormalizedEvent, StatusEvent } from '../adapter.ts';
import { ECHO_TAG_PREFIX } from './graph-requests.ts';
import { epochToIso, expectShape, isRecord, PayloadError, type ShapeOf, shortHash } from './payload.ts';
import {
  MessagingDelivery,
  MessagingEdit,
  MessagingMessage,
  MessagingParties,
  MessagingRead,
} from './schemas.ts';

// `entry[].messaging[]` events, shared by Messenger (object "page") and Instagram DMs
// (object "instagram"). Kinds Parley does not use (postbacks, reactions, referrals, opt-ins,
// handover) return no events.

export interface EntryContext {
  id: string;
  time?: number | string;
}

type MessagingMessageShape = ShapeOf<typeof MessagingMessage>;

export function parseMessagingEvent(raw: unknown, entry: EntryContext, where: string): NormalizedEvent[] {
  if (!isRecord(raw)) throw new PayloadError(`${where}: messaging event is not an object`);
  const parties = expectShape(MessagingParties, raw, where);
  const senderId = parties.sender.id;

  if (raw.message !== undefined) {
    const message = expectShape(MessagingMessage, raw.message, `${where}.message`);
    const occurredAt = eventTime(parties.timestamp ?? entry.time, where);
    if (message.is_deleted) {
      return [{ kind: 'delete', eventKey: `delete:${message.mid}`, occurredAt, externalId: message.mid }];
    }
    return [messageEvent(message, senderId, parties.recipient.id, occurredAt)];
  }
  if (raw.message_edit !== undefined) {
    const edit = expectShape(MessagingEdit, raw.message_edit, `${where}.message_edit`);
    const revision = edit.num_edit !== undefined ? String(edit.num_edit) : shortHash(edit.text);
    return [
      {
        kind: 'edit',
        eventKey: `edit:${edit.mid}:${revision}`,
        occurredAt: eventTime(parties.timestamp ?? entry.time, where),
        externalId: edit.mid,
        text: edit.text,
      },
    ];
  }
  if (raw.delivery !== undefined) {
    const delivery = expectShape(MessagingDelivery, raw.delivery, `${where}.delivery`);
    const occurredAt = eventTime(parties.timestamp ?? delivery.watermark ?? entry.time, where);
    const mids = delivery.mids ?? [];
    if (mids.length > 0) {
      return mids.map((mid) => status('delivered', `delivery:${mid}`, mid, occurredAt, senderId));
    }
    if (delivery.watermark === undefined)
      throw new PayloadError(`${where}.delivery: neither mids nor watermark`);
    return [watermarkStatus('delivered', senderId, delivery.watermark, occurredAt, where)];
  }
  if (raw.read !== undefined) {
    const read = expectShape(MessagingRead, raw.read, `${where}.read`);
    const occurredAt = eventTime(parties.timestamp ?? read.watermark ?? entry.time, where);
    if (read.mid) return [status('read', `read:${read.mid}`, read.mid, occurredAt, senderId)];
    if (read.watermark === undefined) throw new PayloadError(`${where}.read: neither mid nor watermark`);
    return [watermarkStatus('read', senderId, read.watermark, occurredAt, where)];
  }
  return [];
}

function messageEvent(
  message: MessagingMessageShape,
  senderId: string,
  recipientId: string,
  occurredAt: string,
): NormalizedEvent {
  const isEcho = message.is_echo === true;
  const metadata: Record<string, unknown> = {};
  if (message.quick_reply) metadata.quickReplyPayload = message.quick_reply.payload;
  if (isEcho && message.app_id !== undefined) metadata.appId = String(message.app_id);
  if (isEcho && message.metadata?.startsWith(ECHO_TAG_PREFIX)) {
    metadata.outboundMessageId = message.metadata.slice(ECHO_TAG_PREFIX.length);
  }
  return {
    kind: 'message',
    eventKey: `message:${message.mid}`,
    occurredAt,
    externalId: message.mid,
    ...(message.reply_to?.mid ? { replyToExternalId: message.reply_to.mid } : {}),
    // The thread is the customer's id: the recipient on echoes of our own sends.
    threadKey: isEcho ? recipientId : senderId,
    author: { externalUserId: senderId },
    text: message.text ?? '',
    attachments: (message.attachments ?? []).map(toAttachment),
    isPublic: false,
    isEcho,
    surface: 'dm',
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

const ATTACHMENT_KINDS: Record<string, Attachment['kind']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
  location: 'location',
  sticker: 'sticker',
};

function toAttachment(raw: NonNullable<MessagingMessageShape['attachments']>[number]): Attachment {
  const payload = raw.payload ?? undefined;
  const kind = payload?.sticker_id !== undefined ? 'sticker' : (ATTACHMENT_KINDS[raw.type] ?? 'other');
  const attachment: Attachment = { kind };
  if (payload?.url) attachment.url = payload.url;
  if (payload?.title) attachment.name = payload.title;
  if (payload?.coordinates) {
    attachment.latitude = payload.coordinates.lat;
    attachment.longitude = payload.coordinates.long;
  }
  return attachment;
}

function status(
  value: StatusEvent['status'],
  eventKey: string,
  externalId: string,
  occurredAt: string,
  customerId: string,
): StatusEvent {
  return { kind: 'status', eventKey, occurredAt, externalId, status: value, recipientId: customerId };
}

// A watermark covers every message we sent to this customer up to that time; there is no single id,
// so externalId is empty and consumers apply it by recipientId + watermark.
function watermarkStatus(
  value: StatusEvent['status'],
  customerId: string,
  watermark: number | string,
  occurredAt: string,
  where: string,
): StatusEvent {
  const watermarkIso = epochToIso(watermark, `${where}.watermark`);
  return {
    ...status(value, `${value}:${customerId}:${watermarkIso}`, '', occurredAt, customerId),
    watermark: watermarkIso,
  };
}

function eventTime(value: number | string | undefined, where: string): string {
  if (value === undefined) throw new PayloadError(`${where}: no timestamp on the event or its entry`);
  return epochToIso(value, `${where}.timestamp`);
}
