import { AppError } from '../errors/index.ts';

// What an agent may upload: the configured types (ATTACHMENT_TYPES) and, for the formats a browser
// or a platform would render, bytes that really are that format, so a file cannot pose as another.

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

export function attachmentKind(mimeType: string): AttachmentKind {
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

/** `image/png; charset=x` → `image/png`; empty when there is no usable type. */
export function normaliseMimeType(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) ? type : '';
}

export function isAllowedType(mimeType: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.endsWith('/*') ? mimeType.startsWith(pattern.slice(0, -1)) : pattern === mimeType,
  );
}

const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** False only for a format we can recognise whose bytes are something else. */
export function contentMatchesType(mimeType: string, bytes: Buffer): boolean {
  const check = SIGNATURES[mimeType];
  return check ? check(bytes) : true;
}

/** A name safe to store and show: no directories, no control characters, at most 200 characters. */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return [...cleaned].slice(0, 200).join('') || 'attachment';
}

export interface UploadLimits {
  maxBytes: number;
  allowedTypes: readonly string[];
}

/** Throws the error the agent sees (413 too large, 415 type not allowed or not what it claims, 400 empty). */
export function checkUpload(mimeType: string, bytes: Buffer, limits: UploadLimits): void {
  if (bytes.length === 0) throw new AppError('bad_request', 'The file is empty');
  if (bytes.length > limits.maxBytes) {
    throw new AppError('payload_too_large', `Attachments are limited to ${formatBytes(limits.maxBytes)}`, {
      maxBytes: limits.maxBytes,
    });
  }
  if (!mimeType || !isAllowedType(mimeType, limits.allowedTypes)) {
    throw new AppError(
      'unsupported_media_type',
      `Files of type ${mimeType || '(none given)'} cannot be attached; allowed: ${limits.allowedTypes.join(', ')}`,
      { allowedTypes: limits.allowedTypes },
    );
  }
  if (!contentMatchesType(mimeType, bytes)) {
    throw new AppError('unsupported_media_type', `The file's content is not ${mimeType}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
