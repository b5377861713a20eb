import { type OutboundAttachment, type OutboundReply, ReplyRefused } from '../adapter.ts';

// Files on Meta sends. The platform fetches each file from its signed Parley URL; a Send API message
// carries either text or one attachment, WhatsApp one medium with an optional caption.

export type SendApiContent = { text: string } | { attachment: OutboundAttachment };
export type MediaFamily = 'image' | 'video' | 'audio' | 'file';

const WHATSAPP_CAPTION_CHARS = 1024;
/** WhatsApp shows these inline; other images and any other type go as documents. */
const WHATSAPP_INLINE = {
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/3gpp'],
  audio: ['audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg'],
} as const;

export function mediaFamily(mimeType: string): MediaFamily {
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

/** The reply's single file, if any; Meta sends take one file per message. */
export function singleAttachment(platform: string, reply: OutboundReply): OutboundAttachment | undefined {
  const files = reply.attachments ?? [];
  if (files.length > 1) {
    throw new ReplyRefused(
      'not_supported',
      `${platform} takes one file per message; this reply has ${files.length}. Send them as separate replies.`,
    );
  }
  return files[0];
}

/**
 * What a Send API reply (Messenger, Instagram DM, private reply) carries: its text, or its one file.
 * The Send API refuses text and an attachment in one message, so a reply with both is refused here
 * rather than half-sent.
 */
export function sendApiContent(
  platform: string,
  reply: OutboundReply,
  families: readonly MediaFamily[] = ['image', 'video', 'audio', 'file'],
): SendApiContent {
  const file = singleAttachment(platform, reply);
  if (!file) return { text: reply.text };
  if (reply.text.trim() !== '') {
    throw new ReplyRefused(
      'not_supported',
      `${platform} sends a file as a message of its own, without text: send the text as a separate reply.`,
    );
  }
  if (!families.includes(mediaFamily(file.mimeType))) {
    throw new ReplyRefused('not_supported', `${platform} cannot send ${file.mimeType} files (${file.name}).`);
  }
  return { attachment: file };
}

/** The Send API `message` object; `metadata` is echoed back so a lost answer can be reconciled. */
export function sendApiMessageBody(content: SendApiContent, echoTag?: string): Record<string, unknown> {
  const tag = echoTag ? { metadata: echoTag } : {};
  if ('text' in content) return { text: content.text, ...tag };
  const file = content.attachment;
  return {
    attachment: { type: mediaFamily(file.mimeType), payload: { url: file.url, is_reusable: false } },
    ...tag,
  };
}

/** WhatsApp media message fields: `{ type, [type]: { link, caption?, filename? } }`. */
export function whatsappMediaMessage(file: OutboundAttachment, caption: string): Record<string, unknown> {
  const family = mediaFamily(file.mimeType);
  const isInline =
    family !== 'file' && (WHATSAPP_INLINE[family] as readonly string[]).includes(file.mimeType);
  const type = isInline ? family : 'document';
  const text = caption.trim();
  if (text !== '' && type === 'audio') {
    throw new ReplyRefused(
      'not_supported',
      'WhatsApp audio messages have no caption: send the text as a separate reply.',
    );
  }
  const length = [...text].length;
  if (length > WHATSAPP_CAPTION_CHARS) {
    throw new ReplyRefused(
      'too_long',
      `A WhatsApp caption allows ${WHATSAPP_CAPTION_CHARS} characters; this reply has ${length}.`,
    );
  }
  return {
    type,
    [type]: {
      link: file.url,
      ...(text !== '' ? { caption: text } : {}),
      ...(type === 'document' ? { filename: file.name } : {}),
    },
  };
}
