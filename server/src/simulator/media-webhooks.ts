import { wire } from '../channels/fixtures/index.ts';

// Inbound deliveries that carry a file, in the platforms' formats: a WhatsApp media message (the
// file is a media id) and a Messenger/Instagram message with attachments (the file is a CDN URL).

export function whatsappMediaDelivery(input: {
  wabaId?: string;
  phoneNumberId: string;
  from: string;
  id: string;
  at: Date;
  type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  mediaId: string;
  mimeType: string;
  caption?: string;
  filename?: string;
}) {
  const delivery = wire.whatsappText({
    wabaId: input.wabaId ?? '100000000000001',
    phoneNumberId: input.phoneNumberId,
    from: input.from,
    id: input.id,
    text: '',
    at: input.at,
  });
  const value = delivery.entry[0]?.changes[0]?.value as unknown as { messages?: Record<string, unknown>[] };
  const message = value.messages?.[0];
  if (!message) throw new Error('the WhatsApp text builder changed shape');
  delete message.text;
  message.type = input.type;
  message[input.type] = {
    id: input.mediaId,
    mime_type: input.mimeType,
    sha256: 'c2ltdWxhdGVk',
    ...(input.caption ? { caption: input.caption } : {}),
    ...(input.filename ? { filename: input.filename } : {}),
  };
  return delivery;
}

export function messengerAttachmentsDelivery(input: {
  object?: 'page' | 'instagram';
  accountId: string;
  customerId: string;
  mid: string;
  at: Date;
  attachments: { type: 'image' | 'video' | 'audio' | 'file'; url: string }[];
}) {
  const delivery = wire.messengerText({ ...input, text: '' });
  const event = delivery.entry[0]?.messaging[0] as { message: Record<string, unknown> };
  delete event.message.text;
  event.message.attachments = input.attachments.map((a) => ({ type: a.type, payload: { url: a.url } }));
  return { ...delivery, object: input.object ?? 'page' };
}
