import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { unauthorized } from './send-endpoints.ts';

// The files customers send, served as the platforms serve them: Messenger/Instagram/Facebook as a
// CDN URL anyone may GET (`/cdn/{id}/{name}`); WhatsApp Cloud API as a media id resolved with
// `GET /graph/{version}/{media-id}` (bearer token) to a URL that needs the same token
// (`/whatsapp-media/{id}`).

interface HostedMedia {
  id: string;
  content: Buffer;
  mimeType: string;
  name: string;
  /** WhatsApp media: the channel's token both requests need. */
  accessToken?: string;
  /** Downloads still to answer with a 500 before serving the bytes. */
  failuresLeft: number;
  /** Byte downloads answered with the file. */
  downloads: number;
}

export interface HostMediaInput {
  content: Buffer;
  mimeType: string;
  name?: string;
  /** Makes it WhatsApp media: resolved and downloaded only with this bearer token. */
  accessToken?: string;
  /** Answer this many downloads with HTTP 500 first. */
  failFirst?: number;
}

export class MediaHost {
  readonly #media = new Map<string, HostedMedia>();
  #sequence = 0;

  constructor(private readonly baseUrl: () => string) {}

  /** Host a file; returns its media id and the CDN URL a Messenger webhook would carry. */
  host(input: HostMediaInput): { mediaId: string; cdnUrl: string } {
    this.#sequence += 1;
    const id = String(1_200_000_000_000_000 + this.#sequence);
    const name = input.name ?? 'file';
    this.#media.set(id, {
      id,
      content: input.content,
      mimeType: input.mimeType,
      name,
      ...(input.accessToken ? { accessToken: input.accessToken } : {}),
      failuresLeft: input.failFirst ?? 0,
      downloads: 0,
    });
    return { mediaId: id, cdnUrl: `${this.baseUrl()}/cdn/${id}/${encodeURIComponent(name)}` };
  }

  /** How many times the bytes were served. */
  downloads(mediaId: string): number {
    return this.#media.get(mediaId)?.downloads ?? 0;
  }

  /** Answer a GET for hosted media; false when the path is not one of ours. */
  serve(method: string, path: string, headers: Record<string, string>, res: ServerResponse): boolean {
    if (method !== 'GET') return false;
    const cdn = /^\/cdn\/(\d+)\/[^/]*$/.exec(path);
    if (cdn) return this.#bytes(this.#media.get(cdn[1] ?? ''), null, res);
    const whatsapp = /^\/whatsapp-media\/(\d+)$/.exec(path);
    if (whatsapp) {
      const media = this.#media.get(whatsapp[1] ?? '');
      return this.#bytes(media, media?.accessToken ?? null, res, headers);
    }
    const lookup = /^\/graph\/v\d+\.\d+\/(\d+)$/.exec(path);
    const media = lookup ? this.#media.get(lookup[1] ?? '') : undefined;
    if (!media?.accessToken) return false;
    if (!hasToken(headers, media.accessToken)) return writeJson(res, unauthorized('meta'));
    return writeJson(res, {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        url: `${this.baseUrl()}/whatsapp-media/${media.id}`,
        mime_type: media.mimeType,
        sha256: createHash('sha256').update(media.content).digest('hex'),
        file_size: media.content.length,
        id: media.id,
      }),
    });
  }

  #bytes(
    media: HostedMedia | undefined,
    token: string | null,
    res: ServerResponse,
    headers: Record<string, string> = {},
  ): boolean {
    if (!media) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return true;
    }
    if (token !== null && !hasToken(headers, token)) return writeJson(res, unauthorized('meta'));
    if (media.failuresLeft > 0) {
      media.failuresLeft -= 1;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('temporarily unavailable');
      return true;
    }
    media.downloads += 1;
    res
      .writeHead(200, { 'content-type': media.mimeType, 'content-length': String(media.content.length) })
      .end(media.content);
    return true;
  }
}

function hasToken(headers: Record<string, string>, token: string): boolean {
  return headers.authorization === `Bearer ${token}`;
}

function writeJson(
  res: ServerResponse,
  answer: { status: number; headers: Record<string, string>; body: string },
) {
  res.writeHead(answer.status, answer.headers).end(answer.body);
  return true;
}
