import { formatBytes, normaliseMimeType } from './limits.ts';

// Downloading one file a customer sent: Messenger, Instagram and Facebook hand out a CDN URL; the
// WhatsApp Cloud API hands out a media id, resolved with `GET /{media-id}` to a short-lived URL that
// needs the same bearer token.

export type MediaSource =
  | { kind: 'url'; url: string }
  | { kind: 'whatsapp'; mediaId: string; apiBaseUrl: string; accessToken: string };

export type FetchOutcome =
  | { kind: 'downloaded'; content: Buffer; mimeType: string | null }
  | { kind: 'too_large'; sizeBytes: number | null; error: string }
  /** Network error, timeout, 5xx or 429: worth another try later. */
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string };

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Aborts the download (the worker is stopping); it is then retried later. */
  signal?: AbortSignal;
}

export async function fetchInboundFile(source: MediaSource, limits: FetchLimits): Promise<FetchOutcome> {
  if (source.kind === 'url') return download(source.url, {}, limits, null);
  const headers = { authorization: `Bearer ${source.accessToken}` };
  const lookup = await request(
    `${source.apiBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(source.mediaId)}`,
    headers,
    limits,
  );
  if ('outcome' in lookup) return lookup.outcome;
  let media: { url?: unknown; mime_type?: unknown; file_size?: unknown };
  try {
    media = (await lookup.response.json()) as typeof media;
  } catch {
    return { kind: 'retry', error: 'WhatsApp answered the media lookup with something other than JSON' };
  }
  if (typeof media.url !== 'string' || media.url === '') {
    return { kind: 'failed', error: 'WhatsApp gave no download URL for this media id' };
  }
  const declared = Number(media.file_size);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return tooLarge(declared, limits.maxBytes);
  const mimeType = typeof media.mime_type === 'string' ? normaliseMimeType(media.mime_type) || null : null;
  return download(media.url, headers, limits, mimeType);
}

async function download(
  url: string,
  headers: Record<string, string>,
  limits: FetchLimits,
  knownMimeType: string | null,
): Promise<FetchOutcome> {
  const answer = await request(url, headers, limits);
  if ('outcome' in answer) return answer.outcome;
  const { response } = answer;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge(declared, limits.maxBytes);
  }
  // Read no further than the limit, whatever Content-Length said (or did not say).
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(null, limits.maxBytes);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    return { kind: 'retry', error: `download interrupted: ${(error as Error).message}` };
  }
  const content = Buffer.concat(chunks);
  if (content.length === 0) return { kind: 'failed', error: 'The platform sent an empty file' };
  const served = normaliseMimeType(response.headers.get('content-type') ?? undefined);
  const mimeType = knownMimeType ?? (served && served !== 'application/octet-stream' ? served : null);
  return { kind: 'downloaded', content, mimeType };
}

async function request(
  url: string,
  headers: Record<string, string>,
  limits: FetchLimits,
): Promise<{ response: Response } | { outcome: FetchOutcome }> {
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
    response = await limits.fetch(url, { headers, signal });
  } catch (error) {
    return { outcome: { kind: 'retry', error: `could not reach the platform: ${(error as Error).message}` } };
  }
  if (response.ok) return { response };
  await response.body?.cancel().catch(() => undefined);
  const error = `the platform answered HTTP ${response.status}`;
  const isTransient = response.status === 429 || response.status >= 500;
  return { outcome: isTransient ? { kind: 'retry', error } : { kind: 'failed', error } };
}

function tooLarge(sizeBytes: number | null, maxBytes: number): FetchOutcome {
  const size = sizeBytes === null ? `larger than ${formatBytes(maxBytes)}` : formatBytes(sizeBytes);
  return {
    kind: 'too_large',
    sizeBytes,
    error: `Not downloaded: the file is ${size}; Parley keeps files up to ${formatBytes(maxBytes)} (ATTACHMENT_MAX_BYTES)`,
  };
}
