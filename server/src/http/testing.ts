import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { addMember, createAccount } from '../accounts/index.ts';
import { signApiBody } from '../channels/index.ts';
import { loadConfig } from '../config/index.ts';
import type { Engine } from '../db/index.ts';
import { openTestDatabase } from '../db/testing.ts';
import { createRuntime, type Runtime } from '../runtime/start.ts';

export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789';

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-03-02T09:00:00Z')) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
    set(date: Date) {
      now = date.getTime();
    },
  });
}

export interface TestServer {
  runtime: Runtime;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A whole Parley process on a fresh database, with workers, for in-process requests. */
export async function startTestServer(
  engine: Engine,
  options: { env?: Record<string, string>; clock?: () => Date; runWorkers?: boolean } = {},
): Promise<TestServer> {
  const db = await openTestDatabase(engine);
  const config = loadConfig({ LOG_LEVEL: 'silent', PARLEY_SECRET_KEY: TEST_SECRET_KEY, ...options.env });
  const runtime = await createRuntime({
    config,
    db,
    secretKey: TEST_SECRET_KEY,
    logger: false,
    runWorkers: options.runWorkers ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { runtime, app: runtime.app, close: () => runtime.stop() };
}

let sequence = 0;

/** A new account with an admin, signed in; returns the cookie header for requests. */
export async function seedAccount(server: TestServer, role: 'admin' | 'supervisor' | 'agent' = 'admin') {
  const db = server.runtime.ctx.db.kysely;
  sequence += 1;
  const slug = `acct-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
  const account = await createAccount(db, { name: `Account ${slug}`, slug });
  const email = `${role}-${slug}@example.test`;
  const member = await addMember(db, {
    accountId: account.id,
    email,
    name: `${role} ${slug}`,
    role,
    password: 'correct horse battery',
  });
  const cookie = await signIn(server, email, 'correct horse battery');
  return { accountId: account.id, userId: member.id, email, cookie };
}

export async function signIn(server: TestServer, email: string, password: string): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (first ?? '').split(';')[0] ?? '';
}

export async function addUser(server: TestServer, accountId: string, role: 'admin' | 'supervisor' | 'agent') {
  sequence += 1;
  const email = `${role}-${sequence}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const member = await addMember(server.runtime.ctx.db.kysely, {
    accountId,
    email,
    name: `${role} ${sequence}`,
    role,
    password: 'correct horse battery',
  });
  return { userId: member.id, email, cookie: await signIn(server, email, 'correct horse battery') };
}

export async function createApiChannel(
  server: TestServer,
  cookie: string,
  settings: Record<string, unknown> = {},
) {
  const secret = `secret-${Math.random().toString(36).slice(2)}`;
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: { cookie },
    payload: { provider: 'api', name: 'Test API', settings, secrets: { signingSecret: secret } },
  });
  if (res.statusCode !== 201) throw new Error(`channel create failed: ${res.body}`);
  return { id: (res.json() as { id: string }).id, secret };
}

let messageSequence = 0;

export function apiMessage(input: {
  authorId?: string;
  text?: string;
  messageId?: string;
  replyTo?: string;
  isPublic?: boolean;
  occurredAt?: string;
  author?: Record<string, unknown>;
}) {
  messageSequence += 1;
  const messageId =
    input.messageId ?? `m-${process.pid}-${messageSequence}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    type: 'message',
    occurredAt: input.occurredAt ?? new Date().toISOString(),
    author: { id: input.authorId ?? 'customer-1', name: 'Casey Customer', ...input.author },
    message: {
      id: messageId,
      text: input.text ?? 'My order has not arrived',
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    },
  };
}

/** POST a signed delivery to the API channel's webhook. */
export function postWebhook(
  server: TestServer,
  channel: { id: string; secret: string },
  body: unknown,
  signWith?: string,
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return server.app.inject({
    method: 'POST',
    url: `/webhooks/api/${channel.id}`,
    headers: {
      'content-type': 'application/json',
      'x-parley-signature': signApiBody(signWith ?? channel.secret, raw),
    },
    payload: raw,
  });
}

/** Run the inbound worker until the queue is empty (instead of waiting for it). */
export async function drainInbound(server: TestServer): Promise<void> {
  const worker = server.runtime.inbound[0];
  if (!worker) throw new Error('workers are not running');
  while ((await worker.processBatch()) > 0) {
    // keep going until nothing is claimed
  }
}

export interface CallbackServer {
  url: string;
  received: { headers: IncomingHttpHeaders; body: string }[];
  /** Status codes to answer, in order; when empty, 200. */
  script: number[];
  close(): Promise<void>;
}

/** A real HTTP endpoint standing in for an API channel's callback receiver. */
export async function startCallbackServer(
  respond: (status: number, count: number) => string = (status, count) =>
    status === 200 ? JSON.stringify({ id: `ext-${count}` }) : '{"error":"try later"}',
): Promise<CallbackServer> {
  const received: CallbackServer['received'] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = script.shift() ?? 200;
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(respond(status, received.length));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    script,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Run the outbox until nothing is due now. */
export async function drainOutbox(server: TestServer): Promise<void> {
  const outbox = server.runtime.outbox;
  if (!outbox) throw new Error('no outbox worker');
  while ((await outbox.processBatch()) > 0) {
    // keep sending until nothing is due
  }
}

/** Let every activity-log follower (routing, SLA, automation, analytics) catch up. */
export async function drainActivity(server: TestServer): Promise<void> {
  for (const consumer of server.runtime.consumers) await consumer.drain();
}
