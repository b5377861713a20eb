import type { Attachment, AuthorRef, MessageEvent, NormalizedEvent, StatusEvent } from '../adapter.ts';
import { epochToIso, expectShape, isRecord, PayloadError, type ShapeOf } from './payload.ts';
import { Change } from './schemas.ts';
import {
  WhatsAppButton,
  WhatsAppInteractive,
  WhatsAppLocation,
  WhatsAppMedia,
  WhatsAppMessageBase,
  WhatsAppStatus,
  WhatsAppText,
  WhatsAppValue,
} from './whatsapp-schemas.ts';

// One `changes[]` item of a whatsapp_business_account delivery. Message types Parley does not show
// (reactions, contacts cards, orders, system notices, unsupported) return no events.

const MEDIA_KINDS: Record<string, Attachment['kind']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

const STATUSES = new Set<StatusEvent['status']>(['sent', 'delivered', 'read', 'failed']);

export function parseWhatsAppChange(
  raw: unknown,
  phoneNumberId: string | undefined,
  where: string,
): NormalizedEvent[] {
  const change = expectShape(Change, raw, where);
  if (change.field !== 'messages') return [];
  const value = expectShape(WhatsAppValue, change.value, `${where}.value`);
  // One Meta app may serve several numbers; each Parley channel keeps only its own.
  if (phoneNumberId && value.metadata.phone_number_id !== phoneNumberId) return [];

  const names = new Map<string, string>();
  for (const contact of value.contacts ?? []) {
    if (contact.profile?.name) names.set(contact.wa_id, contact.profile.name);
  }
  const events: NormalizedEvent[] = [];
  (value.messages ?? []).forEach((message, index) => {
    const event = parseMessage(message, names, `${where}.value.messages.${index}`);
    if (event) events.push(event);
  });
  (value.statuses ?? []).forEach((item, index) => {
    const event = parseStatus(item, `${where}.value.statuses.${index}`);
    if (event) events.push(event);
  });
  return events;
}

function parseMessage(raw: unknown, names: Map<string, string>, where: string): MessageEvent | null {
  if (!isRecord(raw)) throw new PayloadError(`${where}: message is not an object`);
  const base = expectShape(WhatsAppMessageBase, raw, where);
  const content = contentOf(base.type, raw, where);
  if (!content) return null;
  const name = names.get(base.from);
  const author: AuthorRef = { externalUserId: base.from, phone: `+${base.from.replace(/^\+/, '')}` };
  if (name) author.displayName = name;
  const metadata = { ...content.metadata, ...(base.context?.forwarded ? { isForwarded: true } : {}) };
  return {
    kind: 'message',
    eventKey: `message:${base.id}`,
    occurredAt: epochToIso(base.timestamp, `${where}.timestamp`),
    externalId: base.id,
    ...(base.context?.id ? { replyToExternalId: base.context.id } : {}),
    threadKey: base.from,
    author,
    text: content.text,
    attachments: content.attachments,
    isPublic: false,
    isEcho: false,
    surface: 'dm',
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

interface Content {
  text: string;
  attachments: Attachment[];
  metadata: Record<string, unknown>;
}

function contentOf(type: string, raw: Record<string, unknown>, where: string): Content | null {
  const at = `${where}.${type}`;
  if (type === 'text')
    return { text: expectShape(WhatsAppText, raw.text, at).body, attachments: [], metadata: {} };
  const mediaKind = MEDIA_KINDS[type];
  if (mediaKind) {
    const media = expectShape(WhatsAppMedia, raw[type], at);
    const attachment: Attachment = { kind: mediaKind };
    if (media.mime_type) attachment.mimeType = media.mime_type;
    if (media.filename) attachment.name = media.filename;
    // The contract's Attachment has no media-id field; the id (fetch via GET /{media-id}) rides in metadata.
    return { text: media.caption ?? '', attachments: [attachment], metadata: { mediaIds: [media.id] } };
  }
  if (type === 'location') {
    const location = expectShape(WhatsAppLocation, raw.location, at);
    const attachment: Attachment = {
      kind: 'location',
      latitude: location.latitude,
      longitude: location.longitude,
    };
    if (location.name) attachment.name = location.name;
    const text = [location.name, location.address].filter(Boolean).join(', ');
    return { text, attachments: [attachment], metadata: {} };
  }
  if (type === 'interactive') {
    const interactive = expectShape(WhatsAppInteractive, raw.interactive, at);
    const reply = interactive.button_reply ?? interactive.list_reply;
    if (!reply) return null;
    return {
      text: reply.title,
      attachments: [],
      metadata: {
        interactive: { type: interactive.type, id: reply.id, title: reply.title, ...description(reply) },
      },
    };
  }
  if (type === 'button') {
    const button = expectShape(WhatsAppButton, raw.button, at);
    return { text: button.text, attachments: [], metadata: { buttonPayload: button.payload ?? button.text } };
  }
  return null;
}

function description(reply: { description?: string }): { description?: string } {
  return reply.description ? { description: reply.description } : {};
}

function parseStatus(raw: unknown, where: string): StatusEvent | null {
  const status = expectShape(WhatsAppStatus, raw, where);
  const value = status.status as StatusEvent['status'];
  if (!STATUSES.has(value)) return null;
  const event: StatusEvent = {
    kind: 'status',
    eventKey: `status:${status.id}:${value}`,
    occurredAt: epochToIso(status.timestamp, `${where}.timestamp`),
    externalId: status.id,
    status: value,
  };
  if (status.recipient_id) event.recipientId = status.recipient_id;
  const ours = status.biz_opaque_callback_data?.match(/^parley:(.+)$/)?.[1];
  if (ours) event.outboundMessageId = ours;
  if (status.errors && status.errors.length > 0) event.error = status.errors.map(describeError).join('; ');
  else if (value === 'failed') event.error = 'failed without an error from WhatsApp';
  return event;
}

function describeError(error: NonNullable<ShapeOf<typeof WhatsAppStatus>['errors']>[number]): string {
  const head = [error.code !== undefined ? `(#${error.code})` : '', error.title ?? error.message ?? '']
    .filter(Boolean)
    .join(' ');
  const details = error.error_data?.details;
  return details && details !== head ? `${head}: ${details}` : head || 'unknown error';
}
