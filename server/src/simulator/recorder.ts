import { createHash } from 'node:crypto';
import type { Fault } from './faults.ts';
import type { FetchedMedia } from './fetch-media.ts';

// Every request the simulator receives, and how many times each message was accepted, so a test
// can assert "all delivered, none twice".

export interface RecordedRequest {
  provider: string;
  channelId: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: Date;
  /** What the simulator did: answered with a status, or hung past the client's timeout. */
  status: number | 'timeout';
  fault: Fault | null;
  /** The message's identity across attempts (see `deliveryKey`). */
  deliveryKey: string;
  /** The platform id given when the send was accepted. */
  platformId: string | null;
  /** Files the send named, as the simulator fetched them before answering (absent: none named). */
  media?: FetchedMedia[];
}

/**
 * Parley's own id when the request carries it (`x-parley-delivery` on the API channel, Meta
 * `message.metadata` "parley:<id>" on Messenger, `biz_opaque_callback_data` on WhatsApp); otherwise
 * the request's content, which is stable across retries of one reply (X sends carry no caller id).
 */
export function deliveryKey(
  provider: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): string {
  const delivery = headers['x-parley-delivery'];
  if (delivery) return `parley:${delivery}`;
  try {
    const parsed = JSON.parse(body) as {
      message?: { metadata?: unknown };
      biz_opaque_callback_data?: unknown;
    };
    const metadata = parsed.message?.metadata ?? parsed.biz_opaque_callback_data;
    if (typeof metadata === 'string' && metadata.startsWith('parley:')) return metadata;
  } catch {
    // not JSON: fall through to the content key
  }
  return `content:${provider}:${createHash('sha256').update(path).update('\n').update(body).digest('hex').slice(0, 32)}`;
}

export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly #accepted = new Map<string, number>();

  add(request: RecordedRequest): void {
    this.requests.push(request);
    // A hung request was processed by the "platform" even though its answer never arrived.
    const isAccepted = request.status === 'timeout' || (request.status >= 200 && request.status < 300);
    if (isAccepted)
      this.#accepted.set(request.deliveryKey, (this.#accepted.get(request.deliveryKey) ?? 0) + 1);
  }

  /** How many times each message was accepted (delivered to the "customer"). */
  acceptedCounts(): Map<string, number> {
    return new Map(this.#accepted);
  }

  /** Messages accepted more than once. */
  duplicates(): string[] {
    return [...this.#accepted].filter(([, count]) => count > 1).map(([key]) => key);
  }

  clear(): void {
    this.requests.length = 0;
    this.#accepted.clear();
  }
}
