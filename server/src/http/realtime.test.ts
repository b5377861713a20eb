import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testEngines } from '../db/testing.ts';
import { appendRealtimeEvents, conversationUpdated, pruneRealtimeEvents } from '../realtime/index.ts';
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
  let readyEvent: { lastEventId: number; isReset?: boolean } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as StreamEvent & { type: string };
      if (event.type === 'ready') {
        readyEvent = event as unknown as { lastEventId: number; isReset?: boolean };
        return resolve();
      }
      events.push(event);
      for (const w of waiters.splice(0)) {
        if (w.match(event)) w.resolve(event);
        else waiters.push(w);
      }
    });
  });
  return {
    ready,
    readyEvent: () => readyEvent,
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

  it('prunes events past retention and tells a client that missed pruned ones to reload', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const stream = openStream(baseUrl, cookie);
    await stream.ready;
    await postWebhook(server, channel, apiMessage({ authorId: 'old-1', text: 'Days ago' }));
    const old = await stream.next(
      (e) => e.type === 'conversation.updated' && e.payload.conversation?.snippet === 'Days ago',
    );
    const db = server.runtime.ctx.db;
    await db.kysely
      .updateTable('realtime_events')
      .set({ created_at: sql`now() - interval '100 hours'` })
      .where('id', '<=', old.id)
      .execute();
    await postWebhook(server, channel, apiMessage({ authorId: 'new-1', text: 'Just now' }));
    const recent = await stream.next(
      (e) => e.type === 'conversation.updated' && e.payload.conversation?.snippet === 'Just now',
    );
    stream.close();

    expect(await pruneRealtimeEvents(db, new Date(Date.now() - 72 * 3_600_000))).toBeGreaterThan(0);
    const left = await db.kysely.selectFrom('realtime_events').select('id').orderBy('id').execute();
    expect(left.every((r) => Number(r.id) > old.id)).toBe(true);
    expect(left.some((r) => Number(r.id) === recent.id)).toBe(true);

    // Missed a pruned event: reload, no partial replay.
    const stale = openStream(baseUrl, cookie, old.id - 1);
    await stale.ready;
    expect(stale.readyEvent()?.isReset).toBe(true);
    // Live from the present on: the client starts again at the newest event.
    const liveFrom = stale.readyEvent()?.lastEventId ?? 0;
    expect(liveFrom).toBeGreaterThanOrEqual(recent.id);
    // Nothing replayed: a follower may still publish after the reset, but only newer events come.
    expect(stale.events.filter((e) => e.id <= liveFrom)).toEqual([]);
    stale.close();
    // Saw the last pruned event: everything after it is still there to replay.
    const current = openStream(baseUrl, cookie, old.id);
    await current.ready;
    expect(current.readyEvent()?.isReset).toBeUndefined();
    expect(current.events.map((e) => e.id)).toContain(recent.id);
    current.close();
  });

  it('replays past a page whose conversation reference was dropped, and sends conversations as they are now', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const hub = server.runtime.ctx.hub;
    const stored = (text: string) =>
      new Promise<void>((resolve) => {
        const stop = hub.subscribe(accountId, (e) => {
          if (e.type === 'message.created' && (e.payload.message as { text: string }).text === text) {
            stop();
            resolve();
          }
        });
      });
    const start = (await hub.backlog(accountId, 0)).readUpTo;
    const first = stored('First words');
    await postWebhook(server, channel, apiMessage({ authorId: 'pg-1', text: 'First words' }));
    await first;
    // A reference to a conversation that no longer exists, then a later change of a live one.
    await appendRealtimeEvents(server.runtime.ctx.db.kysely, [
      conversationUpdated(accountId, '00000000-0000-4000-8000-000000000000'),
    ]);
    const second = stored('Second words');
    await postWebhook(server, channel, apiMessage({ authorId: 'pg-1', text: 'Second words' }));
    await second;
    const pages: string[][] = [];
    for (let after = start; ; ) {
      const page = await hub.backlog(accountId, after, 1);
      pages.push(page.events.map((e) => e.type));
      if (page.isEnd) break;
      after = page.readUpTo;
    }
    expect(pages.some((p) => p.length === 0)).toBe(true); // the dropped reference's page
    expect(pages.flat().filter((t) => t === 'message.created')).toHaveLength(2);
    const replayed = (await hub.backlog(accountId, start)).events.filter(
      (e) => e.type === 'conversation.updated',
    );
    expect(replayed.length).toBeGreaterThanOrEqual(2);
    for (const e of replayed)
      expect((e.payload.conversation as { snippet: string }).snippet).toBe('Second words');
  });

  it('refuses a stream without a session', async () => {
    const anonymous = openStream(baseUrl, '');
    await expect(anonymous.ready).rejects.toThrow(/401/);
  });
});
