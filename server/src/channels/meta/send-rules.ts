import { ReplyRefused } from '../adapter.ts';
import { dmWindow, whatsappWindow } from './messaging-window.ts';

// Messaging windows and text limits for Meta sends, checked before anything goes out. The windows
// themselves are computed in messaging-window.ts, which the desk's composer shares.

export { HUMAN_AGENT_WINDOW_HOURS, STANDARD_WINDOW_HOURS } from './messaging-window.ts';

const HOUR_MS = 3_600_000;
export const PRIVATE_REPLY_WINDOW_HOURS = 7 * 24;

export const TEXT_LIMITS = {
  messengerChars: 2000,
  instagramDmBytes: 1000,
  facebookCommentChars: 8000,
  instagramCommentChars: 2200,
  whatsappChars: 4096,
} as const;

const MB = 1024 * 1024;

/**
 * Files Meta fetches from our signed URL. Send API (Messenger, Instagram DMs, private replies and,
 * by the same fetch, Facebook comment photos): 25 MB, images 8 MB when sent by URL. WhatsApp Cloud
 * API: images 5 MB, video and audio 16 MB, documents 100 MB.
 */
export const ATTACHMENT_LIMITS = {
  sendApi: { image: 8 * MB, video: 25 * MB, audio: 25 * MB, file: 25 * MB },
  whatsapp: { image: 5 * MB, video: 16 * MB, audio: 16 * MB, file: 100 * MB },
} as const;

export type SendApiMessagingType =
  | { messaging_type: 'RESPONSE' }
  | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

function hoursSince(lastCustomerMessageAt: string, now: Date): number {
  const at = Date.parse(lastCustomerMessageAt);
  if (Number.isNaN(at)) throw new Error(`lastCustomerMessageAt is not a date: ${lastCustomerMessageAt}`);
  return (now.getTime() - at) / HOUR_MS;
}

/** Send API DMs (Messenger, Instagram): RESPONSE within 24 h, HUMAN_AGENT tag up to 7 days, then refused. */
export function dmMessagingType(
  platform: string,
  lastCustomerMessageAt: string | undefined,
  now: Date,
): SendApiMessagingType {
  const window = dmWindow(lastCustomerMessageAt, now);
  if (window.state === 'open') return { messaging_type: 'RESPONSE' };
  if (window.state === 'human_agent') return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  if (!lastCustomerMessageAt) {
    throw new ReplyRefused(
      'window_closed',
      `${platform} only allows a reply after the customer has written; no customer message is on record.`,
    );
  }
  const hours = hoursSince(lastCustomerMessageAt, now);
  throw new ReplyRefused(
    'window_closed',
    `The customer last wrote ${Math.floor(hours / 24)} days ago; ${platform} allows replies for 24 hours, ` +
      'or 7 days with the human-agent tag. Reply publicly or wait for the customer to write again.',
  );
}

/** Private replies to a comment: one message within 7 days of the comment (Meta's rule). */
export function checkPrivateReplyWindow(platform: string, commentAt: string | undefined, now: Date): void {
  if (commentAt && hoursSince(commentAt, now) > PRIVATE_REPLY_WINDOW_HOURS) {
    throw new ReplyRefused(
      'window_closed',
      `${platform} allows a private reply to a comment only within 7 days of the comment.`,
    );
  }
}

/** WhatsApp: free-form text only within 24 h of the customer's last message; otherwise a template. */
export function isWhatsAppWindowOpen(lastCustomerMessageAt: string | undefined, now: Date): boolean {
  return whatsappWindow(lastCustomerMessageAt, now).state === 'open';
}

export function checkCharLimit(platform: string, text: string, limit: number): void {
  const length = [...text].length;
  if (length > limit) {
    throw new ReplyRefused(
      'too_long',
      `${platform} accepts at most ${limit} characters; this reply has ${length}.`,
    );
  }
}

export function checkByteLimit(platform: string, text: string, limit: number): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) {
    throw new ReplyRefused(
      'too_long',
      `${platform} accepts at most ${limit} bytes of text; this reply has ${bytes}.`,
    );
  }
}
