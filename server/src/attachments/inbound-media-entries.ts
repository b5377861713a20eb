import type { MediaSource } from './inbound-media-fetch.ts';
import { safeFileName } from './limits.ts';

// Which entries of an inbound message's `attachments` are files still to download, where each one
// comes from, and how an entry reads once its file is stored (or given up on).

/** An entry of `messages.attachments` as the inbound pipeline wrote it, plus what downloading adds. */
export interface InboundEntry {
  kind: string;
  url?: string;
  mimeType?: string;
  name?: string;
  attachmentId?: string;
  sizeBytes?: number;
  /** Why the file was not stored (too large, gone, failed every retry). */
  downloadError?: string;
  [key: string]: unknown;
}

/** Kinds that are a file to fetch (a location is coordinates, `other` a link share). */
const FILE_KINDS = new Set(['image', 'video', 'audio', 'file', 'sticker']);

export const MEDIA_PROVIDERS = ['messenger', 'instagram', 'facebook', 'whatsapp'] as const;

export interface PendingEntry {
  index: number;
  source: MediaSource | null;
}

export interface ChannelAccess {
  provider: string;
  apiBaseUrl: string;
  accessToken: string | undefined;
}

/** Entries still waiting for their file; `source` is null where the platform gave no way to fetch it. */
export function pendingEntries(
  entries: InboundEntry[],
  metadata: Record<string, unknown>,
  channel: ChannelAccess,
): PendingEntry[] {
  const mediaIds = Array.isArray(metadata.mediaIds) ? metadata.mediaIds : [];
  const pending: PendingEntry[] = [];
  let fileNumber = 0;
  entries.forEach((entry, index) => {
    if (!FILE_KINDS.has(entry.kind)) return;
    // WhatsApp keeps the media ids in metadata, in the order of the message's files.
    const mediaId = mediaIds[fileNumber++];
    if (entry.attachmentId || entry.downloadError) return;
    if (channel.provider === 'whatsapp') {
      const source: MediaSource | null =
        typeof mediaId === 'string' && channel.accessToken
          ? { kind: 'whatsapp', mediaId, apiBaseUrl: channel.apiBaseUrl, accessToken: channel.accessToken }
          : null;
      pending.push({ index, source });
      return;
    }
    pending.push({ index, source: isHttpUrl(entry.url) ? { kind: 'url', url: entry.url } : null });
  });
  return pending;
}

function isHttpUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** What the stored entry shows: Parley's own copy, as a reply's file does (`StoredAttachmentRef`). */
export function storedEntry(
  entry: InboundEntry,
  file: { attachmentId: string; name: string; mimeType: string; sizeBytes: number; url: string },
): InboundEntry {
  return { ...entry, ...file };
}

export function failedEntry(entry: InboundEntry, error: string, sizeBytes: number | null): InboundEntry {
  return { ...entry, downloadError: error, ...(sizeBytes !== null ? { sizeBytes } : {}) };
}

/** A stored name: the platform's, the CDN URL's last segment (`…_n.jpg`), or `image.jpeg` from kind and type. */
export function storedName(entry: InboundEntry, mimeType: string): string {
  if (entry.name) return safeFileName(entry.name);
  const fromUrl = isHttpUrl(entry.url) ? lastSegment(entry.url) : '';
  if (fromUrl.includes('.')) return safeFileName(fromUrl);
  const subtype = (mimeType.split('/')[1] ?? '').replace(/[^a-z0-9]+/g, '').slice(0, 10);
  return safeFileName(subtype ? `${entry.kind}.${subtype}` : entry.kind);
}

function lastSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}
