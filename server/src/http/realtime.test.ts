import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

interface StreamEvent {
  id: number;
  type: string;
  payload: { message?: { text: string }; conversation?: { snippet: string } };
}

/** A WebSocket client that collects events and lets a test await the next one matching a predicate. */
function openStream(baseUrl: string, cookie: string, lastEventId?: number) {
  const url = `${baseUrl.replace('http', 'ws')}/api/v1/stream${lastEventId !== undefined ? `?lastEventId=${lastEventId}` : ''}`;
  const socket = new WebSocket(url, { headers: { cookie } });
  const events: StreamEvent[] = [];
  const waiters: { match: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as StreamEvent & { type: string };
      if (event.type === 'ready') return resolve();
      events.push(event);
      for (const w of waiters.splice(0)) {
        if (w.match(event)) w.resolve(event);
        else waiters.push(w);
      }
    });
  });
  return {
    ready,
    events,
    next(match: (e: StreamEvent) => boolean): Promise<StreamEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => socket.close(),
  };
}

describe.each(testEngines())('realtime stream on %s', (engine) => {
  let server: TestServer;
  let baseUrl: string;
  beforeAll(async () => {
    server = await startTestServer(engine, { runWorkers: true });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('pushes a new message to its own account only, and a reconnecting client gets what it missed', async () => {
    const mine = await seedAccount(server);
    const theirs = await seedAccount(server);
    const channel = await createApiChannel(server, mine.cookie);
    const stream = openStream(baseUrl, mine.cookie);
    const other = openStream(baseUrl, theirs.cookie);
    await Promise.all([stream.ready, other.ready]);

    await postWebhook(server, channel, apiMessage({ authorId: 'rt-1', text: 'Live one' }));
    const created = await stream.next(
      (e) => e.type === 'message.created' && e.payload.message?.text === 'Live one',
    );
    await stream.next(
      (e) => e.type === 'conversation.updated' && e.payload.conversation?.snippet === 'Live one',
    );
    stream.close();

    await postWebhook(server, channel, apiMessage({ authorId: 'rt-2', text: 'While you were away' }));
    // Whether the message is processed before or after the reconnect, it arrives exactly once.
    const resumed = openStream(baseUrl, mine.cookie, created.id);
    await resumed.ready;
    await resumed.next(
      (e) => e.type === 'conversation.updated' && e.payload.conversation?.snippet === 'While you were away',
    );
    expect(resumed.events.map((e) => e.payload.message?.text).filter(Boolean)).toEqual([
      'While you were away',
    ]);
    expect(resumed.events.every((e) => e.id > created.id)).toBe(true);
    resumed.close();
    expect(other.events).toEqual([]);
    other.close();
  });

  it('refuses a stream without a session', async () => {
    const anonymous = openStream(baseUrl, '');
    await expect(anonymous.ready).rejects.toThrow(/401/);
  });
});
