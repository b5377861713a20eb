import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = new URL('../../', import.meta.url).pathname;
const SECRET_KEY = 'e2e-secret-key-0123456789abcdef0123456789abcdef';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export { buildWeb } from './web-build.ts';

export interface DeskServer {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/**
 * A real server process on a free port with a fresh PGlite directory, a seeded admin and the web
 * app served from `distDir`. Resolves when the server logs that it listens.
 */
export async function startDeskServer(distDir: string, adminEmail: string): Promise<DeskServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    PARLEY_SECRET_KEY: SECRET_KEY,
    PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-e2e-')),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PARLEY_WEB_DIST: distDir,
  };
  const seeded = execFileSync(
    'node',
    ['bin/parley.mjs', 'seed', '--admin-email', adminEmail, '--account-name', 'E2E Outfitters'],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  const adminPassword = /password: (\S+)/.exec(seeded)?.[1];
  if (!adminPassword) throw new Error(`no password in seed output: ${seeded}`);
  const child = spawn('node', ['--import', 'tsx', 'e2e/support/serve-web.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForListening(child);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminEmail,
    adminPassword,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not listen within 90 s')), 90_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.includes('Server listening at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    // Keep draining stdout so the server never blocks on a full pipe.
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
  });
}

/** Cookie-authenticated JSON calls to the API, as the admin. */
export async function apiSession(baseUrl: string, email: string, password: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { call, cookie };
}

/** POST a delivery to an API channel's webhook, signed like a real integration. */
export async function postToApiChannel(baseUrl: string, channelId: string, secret: string, event: unknown) {
  const body = JSON.stringify(event);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const res = await fetch(`${baseUrl}/webhooks/api/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-signature': signature },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

export interface CallbackReceiver {
  url: string;
  /** Resolves with the first delivered reply whose text matches. */
  nextReply(text: string): Promise<{ id: string; text: string }>;
  close(): Promise<void>;
}

/** Stands in for the integration behind an API channel: accepts Parley's outbound replies. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: { id: string; text: string }[] = [];
  const waiters: { text: string; resolve: (reply: { id: string; text: string }) => void }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = JSON.parse(body) as { id: string; text: string };
      received.push(reply);
      for (const waiter of waiters.filter((w) => w.text === reply.text)) waiter.resolve(reply);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `ext-${reply.id}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/parley`,
    nextReply: (text) =>
      new Promise((resolve) => {
        const already = received.find((r) => r.text === text);
        if (already) resolve(already);
        else waiters.push({ text, resolve });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
