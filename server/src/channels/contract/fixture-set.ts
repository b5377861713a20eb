import type {
  ChannelAdapter,
  ChannelContext,
  NormalizedEvent,
  OutboundReply,
  ReplyRefused,
  SendOutcome,
} from '../adapter.ts';

// What an adapter supplies to be checked by `describeAdapterContract`. Bodies are JSON values
// serialised by the suite (or a raw string where the bytes matter). Every adapter — Meta, X, and
// the API, email and web chat ones — provides one of these from its own fixtures.

/** A partial event matched with `toMatchObject`: name the fields that matter for this case. */
export type ExpectedEvent = { kind: NormalizedEvent['kind']; eventKey: string } & Record<string, unknown>;

export interface PayloadCase {
  name: string;
  body: unknown;
  /** Expected events in order; an empty list means "acknowledged, nothing to store". */
  expected: ExpectedEvent[];
}

export interface BatchCase {
  name: string;
  /** Names of payload cases combined into one delivery by `mergeDeliveries`. */
  parts: string[];
}

export interface SendCase {
  name: string;
  reply: OutboundReply;
  now: Date;
  expected: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  /** Templates ignore the free text, so the generic too-long check skips them. */
  isTextIgnored?: boolean;
}

export interface RefusalCase {
  name: string;
  reply: OutboundReply;
  now: Date;
  code: ReplyRefused['code'];
}

export interface ResponseCase {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  now: Date;
  expected: SendOutcome;
}

export interface AdapterFixtureSet {
  adapter: ChannelAdapter;
  /** A connected channel with every secret the adapter needs. */
  channel: ChannelContext;
  /**
   * Headers carrying a valid signature of `rawBody` made with `secret`; null for channels that take
   * no webhooks (email arrives over SMTP, web chat over the visitor socket): every POST is refused.
   */
  signatureHeaders: ((rawBody: Buffer, secret: string) => Record<string, string>) | null;
  /** Omit for providers without a GET handshake; the suite then checks that none is answered. */
  handshake?: {
    valid: { query: Record<string, string>; expected: { status: number; contentType: string; body: string } };
    refused: Array<{ name: string; query: Record<string, string> }>;
  };
  payloads: PayloadCase[];
  /** Well-formed deliveries that carry nothing for this channel (other objects, unknown kinds). */
  ignored: Array<{ name: string; body: unknown }>;
  /** Structurally invalid deliveries that must throw an Error (the pipeline parks them). */
  invalid: Array<{ name: string; body: unknown }>;
  /** Combine several deliveries into one, the way the platform batches them. */
  mergeDeliveries(bodies: unknown[]): unknown;
  batches: BatchCase[];
  sends: SendCase[];
  refusals: RefusalCase[];
  responses: {
    success: ResponseCase[];
    rateLimited: ResponseCase[];
    serverError: ResponseCase[];
    clientError: ResponseCase[];
  };
}

export function toRawBody(body: unknown): Buffer {
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}
