import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = new URL('../../', import.meta.url).pathname;
export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789abcdef0123456789';

export interface Target {
  engine: 'pglite' | 'postgres';
  env: Record<string, string>;
}

/** A fresh database for one run: a new PGlite directory, or a new PostgreSQL database. */
export async function freshTarget(engine: 'pglite' | 'postgres', port: number): Promise<Target> {
  const common = {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PARLEY_SECRET_KEY: BENCH_SECRET_KEY,
  };
  if (engine === 'pglite') {
    return { engine, env: { ...common, PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-bench-')) } };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `parley_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { engine, env: { ...common, DATABASE_URL: url.toString() } };
}

export async function dropTarget(target: Target): Promise<void> {
  if (target.engine !== 'postgres') return;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(
    `DROP DATABASE IF EXISTS ${new URL(target.env.DATABASE_URL!).pathname.slice(1)} WITH (FORCE)`,
  );
  await admin.end();
}

/** `parley seed --admin-email`: returns the generated password. */
export function seedAdmin(target: Target, email: string): string {
  const out = execFileSync(
    'node',
    ['bin/parley.mjs', 'seed', '--admin-email', email, '--account-name', 'Bench'],
    {
      cwd: ROOT,
      env: { ...process.env, ...target.env },
      encoding: 'utf8',
    },
  );
  const match = /password: (\S+)/.exec(out);
  if (!match?.[1]) throw new Error(`could not read the generated password from: ${out}`);
  return match[1];
}

export interface ServerHandle {
  child: ChildProcess;
  baseUrl: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The node flags `parley` runs with: the ones on its shebang line (`#!/usr/bin/env -S node …`). */
export function serverNodeFlags(): string[] {
  const shebang = readFileSync(join(ROOT, 'bin/parley.mjs'), 'utf8').split('\n', 1)[0] ?? '';
  return shebang.split(/\s+/).slice(shebang.split(/\s+/).indexOf('node') + 1);
}

export async function startServer(target: Target): Promise<ServerHandle> {
  // BENCH_NODE_ARGS lets a profiling run pass e.g. --cpu-prof to the server process.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn('node', [...serverNodeFlags(), ...nodeArgs, 'bin/parley.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...target.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${target.env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    baseUrl,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export async function createApiChannel(
  baseUrl: string,
  cookie: string,
): Promise<{ id: string; secret: string }> {
  const secret = 'bench-channel-secret';
  const res = await fetch(`${baseUrl}/api/v1/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ provider: 'api', name: 'Bench', secrets: { signingSecret: secret } }),
  });
  if (res.status !== 201) throw new Error(`channel create failed: ${res.status}`);
  return { id: ((await res.json()) as { id: string }).id, secret };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POST one signed delivery; resolves with the status code and the time to the answer. */
export function postSigned(
  baseUrl: string,
  channel: { id: string; secret: string },
  body: string,
  timeoutMs = 5000,
): Promise<{ status: number; ms: number }> {
  const signature = `sha256=${createHmac('sha256', channel.secret).update(body).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${baseUrl}/webhooks/api/${channel.id}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-parley-signature': signature,
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

export function messageBody(i: number, authors: number, runId: string): string {
  return JSON.stringify({
    type: 'message',
    occurredAt: new Date().toISOString(),
    author: {
      id: `${runId}-author-${i % authors}`,
      name: `Customer ${i % authors}`,
      followerCount: (i * 37) % 5000,
    },
    message: {
      id: `${runId}-msg-${i}`,
      text: `Order ${i} has not arrived and I need it by Friday, please help`,
    },
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
