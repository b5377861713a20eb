import { createHash } from 'node:crypto';
import type { CannedResponse } from './faults.ts';
import type { SendRoute } from './send-endpoints.ts';

// Platforms fetch the files a send names (Messenger `attachment.payload.url`, WhatsApp
// `image|video|audio|document.link`, Facebook `attachment_url`, API receivers `attachments[].url`)
// before they accept it; so does the simulator, and it records what it got.

export interface FetchedMedia {
  url: string;
  status: number | 'unreachable';
  sizeBytes: number;
  contentType: string | null;
  sha256: string | null;
}

export function mediaUrls(route: SendRoute, body: Record<string, unknown>): string[] {
  const urls: unknown[] = [];
  if (route.family === 'api') {
    const attachments = body.attachments;
    if (Array.isArray(attachments)) urls.push(...attachments.map((a) => (a as { url?: unknown }).url));
  } else if (route.family === 'meta') {
    const message = body.message as { attachment?: { payload?: { url?: unknown } } } | undefined;
    urls.push(message?.attachment?.payload?.url, body.attachment_url);
    for (const type of ['image', 'video', 'audio', 'document', 'sticker']) {
      urls.push((body[type] as { link?: unknown } | undefined)?.link);
    }
  }
  return urls.filter((url): url is string => typeof url === 'string' && url !== '');
}

export async function fetchMedia(urls: string[], timeoutMs = 5000): Promise<FetchedMedia[]> {
  return Promise.all(
    urls.map(async (url): Promise<FetchedMedia> => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const bytes = Buffer.from(await res.arrayBuffer());
        return {
          url,
          status: res.status,
          sizeBytes: bytes.length,
          contentType: res.headers.get('content-type'),
          sha256: res.ok ? createHash('sha256').update(bytes).digest('hex') : null,
        };
      } catch {
        return { url, status: 'unreachable', sizeBytes: 0, contentType: null, sha256: null };
      }
    }),
  );
}

/** What Meta answers when it cannot download a file it was given (Graph error 100). */
export function mediaRefusal(route: SendRoute, failed: FetchedMedia): CannedResponse {
  const message =
    route.family === 'meta'
      ? {
          error: {
            message: '(#100) Failed to fetch the file from the url',
            type: 'OAuthException',
            code: 100,
          },
        }
      : { error: `could not fetch ${failed.url}: ${failed.status}` };
  return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) };
}
