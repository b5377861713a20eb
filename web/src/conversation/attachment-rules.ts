import type { MessageAttachment } from '../api/types.ts';

// What each channel takes, mirroring the server adapters (`supportsAttachments`, and the Meta
// rules in channels/meta/attachment-sends.ts), so the composer explains before the outbox refuses.

export interface AttachmentSupport {
  isSupported: boolean;
  maxFiles: number;
  /** False where a file goes as a message of its own (Messenger, Instagram DMs). */
  allowsText: boolean;
  /** Why files cannot be attached here, or what to know when they can. */
  note: string | null;
}

const none = (note: string): AttachmentSupport => ({
  isSupported: false,
  maxFiles: 0,
  allowsText: true,
  note,
});

export function attachmentSupport(provider: string, isPublic: boolean): AttachmentSupport {
  switch (provider) {
    case 'messenger':
      return {
        isSupported: true,
        maxFiles: 1,
        allowsText: false,
        note: 'Messenger sends one file per reply, without text.',
      };
    case 'facebook':
      return isPublic
        ? {
            isSupported: true,
            maxFiles: 1,
            allowsText: true,
            note: 'A Facebook comment can carry one photo.',
          }
        : {
            isSupported: true,
            maxFiles: 1,
            allowsText: false,
            note: 'Messenger sends one file per reply, without text.',
          };
    case 'instagram':
      return isPublic
        ? none('Instagram comment replies cannot carry files; send them by DM.')
        : {
            isSupported: true,
            maxFiles: 1,
            allowsText: false,
            note: 'Instagram sends one image, video or audio file per DM, without text.',
          };
    case 'whatsapp':
      return {
        isSupported: true,
        maxFiles: 1,
        allowsText: true,
        note: 'WhatsApp sends one file per reply; the text becomes its caption.',
      };
    case 'email':
    case 'api':
      return { isSupported: true, maxFiles: 10, allowsText: true, note: null };
    case 'x':
      return none('Parley cannot attach files to X posts or DMs yet.');
    case 'webchat':
      return none('Web chat replies cannot carry files yet.');
    default:
      return none('This channel does not take attachments.');
  }
}

const MB = 1024 * 1024;
const SEND_API_LIMITS = { image: 8 * MB, video: 25 * MB, audio: 25 * MB, file: 25 * MB };
/** The platforms' own size limits per kind of file (server: `maxAttachmentBytes` of each Meta adapter). */
const PLATFORM_LIMITS: Record<string, Record<'image' | 'video' | 'audio' | 'file', number>> = {
  messenger: SEND_API_LIMITS,
  facebook: SEND_API_LIMITS,
  instagram: SEND_API_LIMITS,
  whatsapp: { image: 5 * MB, video: 16 * MB, audio: 16 * MB, file: 100 * MB },
};
const KIND_WORDS = { image: 'images', video: 'videos', audio: 'audio files', file: 'files' } as const;

function tooLarge(provider: string, file: { mimeType: string; sizeBytes?: number; name?: string }) {
  const top = file.mimeType.split('/')[0];
  const kind = top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
  const limit = PLATFORM_LIMITS[provider]?.[kind];
  if (limit === undefined || file.sizeBytes === undefined || file.sizeBytes <= limit) return null;
  return `${file.name ?? 'This file'} is ${formatSize(file.sizeBytes)}; this channel takes ${KIND_WORDS[kind]} up to ${formatSize(limit)}.`;
}

/**
 * Why this reply cannot go as it stands with these files (the adapter would refuse it), or null.
 * Mirrors channels/meta/attachment-sends.ts so Send is blocked instead of the reply failing.
 */
export function attachmentProblem(
  provider: string,
  isPublic: boolean,
  text: string,
  files: readonly { mimeType: string; sizeBytes?: number; name?: string }[],
): string | null {
  if (files.length === 0) return null;
  const support = attachmentSupport(provider, isPublic);
  const family = (mime: string) => mime.split('/')[0];
  if (!support.isSupported) return support.note;
  if (files.length > support.maxFiles)
    return `Attach at most ${support.maxFiles} file${support.maxFiles === 1 ? '' : 's'} here.`;
  const hasText = text.trim() !== '';
  if (hasText && !support.allowsText) {
    return 'This channel sends a file without text: remove the text, or send it as its own reply.';
  }
  if (provider === 'facebook' && isPublic && files.some((f) => family(f.mimeType) !== 'image')) {
    return 'A Facebook comment can carry a photo, not other files.';
  }
  if (
    provider === 'instagram' &&
    files.some((f) => !['image', 'video', 'audio'].includes(family(f.mimeType) ?? ''))
  ) {
    return 'Instagram sends images, videos and audio, not documents.';
  }
  if (provider === 'whatsapp' && hasText) {
    if (files.some((f) => family(f.mimeType) === 'audio'))
      return 'WhatsApp audio has no caption: send the text as its own reply.';
    if ([...text.trim()].length > 1024) return 'A WhatsApp caption allows 1,024 characters.';
  }
  for (const file of files) {
    const problem = tooLarge(provider, file);
    if (problem) return problem;
  }
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface AttachmentView {
  key: string;
  name: string;
  /** Shown as a thumbnail (images we can load) or a link. */
  isImage: boolean;
  href: string | null;
  sizeLabel: string | null;
  kindLabel: string;
  /** Why Parley has no copy of an inbound file (the platform's link may have expired). */
  note?: string;
}

/** Only our own file routes and http(s) platform URLs become links: never `javascript:` or `data:`. */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('/api/v1/attachments/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Inbound (platform metadata) and outbound (our uploads) attachments, in one shape for the timeline. */
export function attachmentViews(attachments: MessageAttachment[] | undefined): AttachmentView[] {
  return (attachments ?? []).map((a, index) => {
    const href = a.kind === 'location' ? mapHref(a) : safeHref(a.url);
    const kindLabel = a.kind === 'file' || a.kind === 'other' ? 'file' : a.kind;
    return {
      key: a.attachmentId ?? `${index}:${a.url ?? a.name ?? a.kind}`,
      name: a.name ?? (a.kind === 'location' ? 'Shared location' : `${kindLabel} attachment`),
      isImage: (a.kind === 'image' || a.kind === 'sticker') && href !== null,
      href,
      sizeLabel: typeof a.sizeBytes === 'number' ? formatSize(a.sizeBytes) : null,
      kindLabel,
      note: a.downloadError,
    };
  });
}

function mapHref(a: MessageAttachment): string | null {
  if (typeof a.latitude !== 'number' || typeof a.longitude !== 'number') return null;
  return `https://www.openstreetmap.org/?mlat=${a.latitude}&mlon=${a.longitude}#map=16/${a.latitude}/${a.longitude}`;
}
