import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app.ts';

describe('registerWebApp', () => {
  const app = Fastify();
  const distDir = mkdtempSync(join(tmpdir(), 'parley-web-'));
  beforeAll(async () => {
    mkdirSync(join(distDir, 'assets'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(distDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app.get('/api/v1/ping', async () => ({ ok: true }));
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'not_found' } }));
    await registerWebApp(app, { distDir });
    await app.ready();
  });
  afterAll(() => app.close());

  it('serves index.html for client routes', async () => {
    const res = await app.inject({ url: '/inbox/123', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="root"');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('never shadows the API or operations routes', async () => {
    expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const unknownApi = await app.inject({ url: '/api/v1/nope', headers: { accept: 'text/html' } });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json()).toEqual({ error: { code: 'not_found' } });
    expect((await app.inject({ url: '/webhooks/x', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('serves assets of a web app rebuilt after start-up', async () => {
    writeFileSync(join(distDir, 'assets', 'index-def456.js'), 'console.log(2)');
    const res = await app.inject({ url: '/assets/index-def456.js', headers: { accept: '*/*' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/..%2Findex.html' })).statusCode).toBe(404);
  });

  it('answers a missing asset with 404, not the page', async () => {
    const res = await app.inject({
      url: '/assets/missing.js',
      headers: { accept: 'application/javascript' },
    });
    expect(res.statusCode).toBe(404);
  });
});
