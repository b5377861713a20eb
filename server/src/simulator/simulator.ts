import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signApiBody } from '../channels/index.ts';
import { timingSafeEqualStr } from '../channels/signing.ts';
import { type CannedResponse, drawFault, type FaultRates, refusal } from './faults.ts';
import { type FetchedMedia, fetchMedia, mediaRefusal, mediaUrls } from './fetch-media.ts';
import { followUpWork } from './follow-ups.ts';
import { MediaHost } from './media-host.ts';
import { deliveryKey, type RecordedRequest, RequestLog } from './recorder.ts';
import { seededRandom } from './rng.ts';
import { acceptSend, matchSendRoute, type SendRoute, unauthorized } from './send-endpoints.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import { WebhookSender } from './webhook-sender.ts';

export interface SimulatorOptions {
  /** 0 picks a free port. Default 3100. */
  port?: number;
  host?: string;
  seed?: number;
  faults?: FaultRates;
  /** How far ahead a refused send's rate limit resets (X `x-rate-limit-reset`, `Retry-After`). */
  rateLimitResetMs?: number;
  /** How long a "timeout" send is held before the (too late) answer. */
  hangMs?: number;
  clock?: () => Date;
  /** Post WhatsApp statuses and Messenger echo/delivery/read back to Parley after accepted sends. */
  sendsFollowUps?: boolean;
  /** Wait before each follow-up webhook, as the platforms do (statuses come after the send's answer). */
  followUpDelayMs?: number;
  webhooks?: WebhookSender;
}

/**
 * Stands in for Meta's Graph API, X API v2 and API-channel callback receivers on loopback: checks
 * credentials, injects faults at set rates with a seeded generator, records every request and
 * counts accepted messages, and sends Parley the webhooks the real platform would.
 */
export class Simulator {
  readonly log = new RequestLog();
  readonly webhooks: WebhookSender;
  /** Files customers send: CDN URLs and WhatsApp media ids Parley downloads (media-host.ts). */
  readonly media = new MediaHost(() => this.baseUrl);
  /** Follow-up webhooks that could not be delivered. */
  readonly followUpErrors: string[] = [];
  readonly #channels = new Map<string, SimulatedChannel>();
  readonly #byToken = new Map<string, SimulatedChannel>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #hanging = new Set<NodeJS.Timeout>();
  readonly #random: () => number;
  readonly #clock: () => Date;
  #faults: FaultRates;
  #server: Server | null = null;
  #baseUrl = '';

  constructor(private readonly options: SimulatorOptions = {}) {
    this.#random = seededRandom(options.seed ?? 1);
    this.#clock = options.clock ?? (() => new Date());
    this.#faults = options.faults ?? {};
    this.webhooks = options.webhooks ?? new WebhookSender();
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500).end(String((error as Error).message));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 3100, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const { address, port } = server.address() as AddressInfo;
    this.#baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    for (const timer of this.#hanging) clearTimeout(timer);
    this.#hanging.clear();
    await this.idle();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when every follow-up webhook started so far has been delivered (or given up). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  get baseUrl(): string {
    if (!this.#baseUrl) throw new Error('the simulator is not started');
    return this.#baseUrl;
  }

  graphBaseUrl(version = 'v21.0'): string {
    return `${this.baseUrl}/graph/${version}`;
  }

  xBaseUrl(): string {
    return `${this.baseUrl}/x`;
  }

  apiCallbackUrl(channelId: string): string {
    return `${this.baseUrl}/api-callback/${encodeURIComponent(channelId)}`;
  }

  setFaults(rates: FaultRates): void {
    this.#faults = rates;
  }

  addChannel(channel: SimulatedChannel): void {
    this.#channels.set(channel.channelId, channel);
    if (channel.accessToken) this.#byToken.set(channel.accessToken, channel);
  }

  channel(channelId: string): SimulatedChannel {
    const channel = this.#channels.get(channelId);
    if (!channel) throw new Error(`the simulator knows no channel ${channelId}`);
    return channel;
  }

  channels(): SimulatedChannel[] {
    return [...this.#channels.values()];
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    if (this.media.serve(req.method ?? 'GET', path, headers, res)) return;
    const route = matchSendRoute(req.method ?? 'GET', path);
    if (!route) {
      write(res, {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"no such endpoint"}',
      });
      return;
    }
    const channel = this.#authorise(route, headers, body);
    let media: FetchedMedia[] | undefined;
    const record = (status: number | 'timeout', fault: RecordedRequest['fault'], platformId: string | null) =>
      this.log.add({
        ...(media ? { media } : {}),
        provider: channel.value?.provider ?? guessProvider(route),
        channelId: channel.value?.channelId ?? null,
        method: req.method ?? 'POST',
        path,
        headers,
        body,
        receivedAt: this.#clock(),
        status,
        fault,
        deliveryKey: deliveryKey(channel.value?.provider ?? guessProvider(route), path, headers, body),
        platformId,
      });
    if (channel.refused) {
      record(channel.refused.status, null, null);
      write(res, channel.refused);
      return;
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      const bad = {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"body is not JSON"}',
      };
      record(400, null, null);
      write(res, bad);
      return;
    }
    const fault = drawFault(this.#random, this.#faults);
    if (fault && fault !== 'timeout') {
      const answer = refusal(
        fault,
        route.family,
        this.#clock(),
        this.options.rateLimitResetMs ?? 1000,
        this.#random,
      );
      record(answer.status, fault, null);
      write(res, answer);
      return;
    }
    const urls = mediaUrls(route, parsed);
    if (urls.length > 0) {
      media = await fetchMedia(urls);
      const failed = media.find((m) => m.status !== 200);
      if (failed) {
        const answer = mediaRefusal(route, failed);
        record(answer.status, null, null);
        write(res, answer);
        return;
      }
    }
    const accepted = acceptSend(
      route,
      parsed,
      { isInstagram: channel.value?.provider === 'instagram', brandUserId: channel.value?.userId },
      this.#random,
    );
    record(fault === 'timeout' ? 'timeout' : accepted.response.status, fault, accepted.platformId);
    if (channel.value) this.#followUp(channel.value, route, parsed, accepted.platformId);
    if (fault === 'timeout') {
      // The platform did the work; the answer comes only after the client stopped waiting.
      const timer = setTimeout(() => {
        this.#hanging.delete(timer);
        if (!res.destroyed) write(res, accepted.response);
      }, this.options.hangMs ?? 35_000);
      this.#hanging.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        this.#hanging.delete(timer);
      });
      return;
    }
    write(res, accepted.response);
  }

  /** Find the channel a send is for and check its credentials as the platform would. */
  #authorise(
    route: SendRoute,
    headers: Record<string, string>,
    body: string,
  ): { value?: SimulatedChannel; refused?: CannedResponse } {
    if (route.family === 'api') {
      const channel = this.#channels.get(route.pathId ?? '');
      if (!channel) return { refused: { status: 404, headers: {}, body: '{"error":"unknown channel"}' } };
      const given = headers['x-parley-signature'] ?? '';
      const isValid = timingSafeEqualStr(
        given.trim().toLowerCase(),
        signApiBody(channel.signingSecret, body),
      );
      return isValid ? { value: channel } : { refused: unauthorized('api') };
    }
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (!token) return { refused: unauthorized(route.family) };
    const channel = this.#byToken.get(token);
    if (channel) return { value: channel };
    // With no channel of this platform registered, any token is accepted (a bare `parley simulate`).
    const isOpen = ![...this.#channels.values()].some(
      (c) => (c.provider === 'x') === (route.family === 'x') && c.provider !== 'api',
    );
    return isOpen ? {} : { refused: unauthorized(route.family) };
  }

  #followUp(
    channel: SimulatedChannel,
    route: SendRoute,
    body: Record<string, unknown>,
    platformId: string,
  ): void {
    if (this.options.sendsFollowUps === false || !channel.parleyUrl) return;
    const work = followUpWork({
      webhooks: this.webhooks,
      channel,
      route,
      body,
      platformId,
      clock: this.#clock,
      delayMs: this.options.followUpDelayMs ?? 500,
    });
    if (!work) return;
    const task = work()
      .catch((error) => {
        this.followUpErrors.push((error as Error).message);
      })
      .finally(() => this.#pending.delete(task));
    this.#pending.add(task);
  }
}

function write(res: ServerResponse, answer: CannedResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function guessProvider(route: SendRoute): string {
  if (route.family === 'x') return 'x';
  if (route.family === 'api') return 'api';
  if (route.kind === 'whatsapp_message') return 'whatsapp';
  if (route.kind === 'comment_reply') return 'facebook';
  if (route.kind === 'ig_comment_reply' || route.kind === 'ig_mention_reply') return 'instagram';
  return 'messenger';
}
