import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Platforms fetch a reply's files from Parley (Messenger `payload.url`, WhatsApp `link`, the API
// channel's receiver). Each URL names one attachment and an expiry, signed with a key derived from
// PARLEY_SECRET_KEY: unguessable, no session needed, useless once expired or altered.

const DEFAULT_TTL_MS = 7 * 24 * 3_600_000;

export interface SignedFileRef {
  id: string;
  expires: number;
  signature: string;
}

export class AttachmentUrlSigner {
  readonly #key: Buffer;
  readonly #publicUrl: string;

  constructor(
    secretKey: string,
    publicUrl: string,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {
    this.#key = createHash('sha256').update(`parley:attachment-urls:${secretKey}`).digest();
    this.#publicUrl = publicUrl.replace(/\/+$/, '');
  }

  /** `PUBLIC_URL/files/<id>/<name>?expires=<unix s>&signature=<hex>`; the name is for the platform's eyes. */
  urlFor(file: { id: string; name: string }, now: Date): string {
    const expires = Math.floor((now.getTime() + this.ttlMs) / 1000);
    const signature = this.#sign(file.id, expires);
    return `${this.#publicUrl}/files/${file.id}/${encodeURIComponent(file.name)}?expires=${expires}&signature=${signature}`;
  }

  /** True when the signature matches the id and expiry and the expiry has not passed. */
  isValid(ref: SignedFileRef, now: Date): boolean {
    if (!Number.isInteger(ref.expires) || ref.expires * 1000 <= now.getTime()) return false;
    const expected = Buffer.from(this.#sign(ref.id, ref.expires));
    const given = Buffer.from(ref.signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  #sign(id: string, expires: number): string {
    return createHmac('sha256', this.#key).update(`${id}.${expires}`).digest('hex');
  }
}
