import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

// A web chat visitor as the widget would be: connects to Parley's visitor socket, sends messages
// (resending until acknowledged, as the widget does), and collects the agents' replies.

export interface ChatFrame {
  type: string;
  [key: string]: unknown;
}

export interface VisitorOptions {
  origin?: string;
  visitorId?: string;
  token?: string;
  userId?: string;
  userHash?: string;
  name?: string;
}

export class ChatVisitor {
  readonly frames: ChatFrame[] = [];
  visitorId = '';
  token = '';
  closeCode: number | null = null;
  readonly #socket: WebSocket;
  readonly #waiters: { match: (f: ChatFrame) => boolean; resolve: (f: ChatFrame) => void }[] = [];
  readonly #closed: Promise<number>;

  private constructor(url: string, origin: string | undefined) {
    this.#socket = new WebSocket(url, origin ? { origin } : {});
    this.#socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ChatFrame;
      if (frame.type === 'session') {
        this.visitorId = String(frame.visitorId);
        this.token = String(frame.token);
      }
      this.frames.push(frame);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    this.#closed = new Promise((resolve) =>
      this.#socket.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.#socket.on('error', () => undefined);
  }

  /** `baseUrl` is Parley's http(s) URL; resolves once the session frame arrived (or the socket closed). */
  static async connect(
    baseUrl: string,
    channelId: string,
    options: VisitorOptions = {},
  ): Promise<ChatVisitor> {
    const url = new URL(`/webchat/${channelId}`, baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    for (const key of ['visitorId', 'token', 'userId', 'userHash', 'name'] as const) {
      const value = options[key];
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const visitor = new ChatVisitor(url.toString(), options.origin);
    await Promise.race([visitor.next('session'), visitor.#closed]);
    return visitor;
  }

  /** The next frame of this type (or one already received and not yet taken, when `fromIndex` is given). */
  next(type: string, match: (frame: ChatFrame) => boolean = () => true): Promise<ChatFrame> {
    return new Promise((resolve) =>
      this.#waiters.push({ match: (f) => f.type === type && match(f), resolve }),
    );
  }

  sendFrame(frame: Record<string, unknown>): void {
    this.#socket.send(JSON.stringify(frame));
  }

  /** Send a message and wait for its acknowledgement (stored by Parley). */
  async say(text: string, clientMessageId = `c${randomUUID().replaceAll('-', '')}`): Promise<ChatFrame> {
    const answer = Promise.race([
      this.next('ack', (f) => f.clientMessageId === clientMessageId),
      this.next('error', (f) => f.clientMessageId === clientMessageId || f.clientMessageId === undefined),
    ]);
    this.sendFrame({ type: 'message', clientMessageId, text });
    return answer;
  }

  async leaveEmail(email: string): Promise<ChatFrame> {
    const answer = Promise.race([this.next('email.saved'), this.next('error')]);
    this.sendFrame({ type: 'email', email });
    return answer;
  }

  /** The agents' replies received live so far. */
  replies(): string[] {
    return this.frames
      .filter((f) => f.type === 'message')
      .map((f) => String((f.message as { text: string }).text));
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.#socket.close();
    return this.#closed;
  }
}
