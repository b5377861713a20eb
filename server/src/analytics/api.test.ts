// biome-ignore-all lint/suspicious/noExplicitAny: the test reads loosely typed JSON reports
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActivity } from '../activity/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { AnalyticsWebhookSender, rebuildAnalytics } from './index.ts';

const RANGE = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

describe.each(testEngines())('analytics API on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const get = async (cookie: string, url: string) => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const send = async (cookie: string, method: 'PUT' | 'POST', url: string, payload: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };

  /** One conversation answered and resolved: 09:00 in, 09:05 reply, 09:10 resolved. */
  async function answeredConversation(account: { accountId: string; cookie: string }, author: string) {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const channel = await createApiChannel(server, account.cookie);
    await postWebhook(server, channel, apiMessage({ authorId: author, occurredAt: clock().toISOString() }));
    await drainInbound(server);
    const id = (await get(account.cookie, '/conversations')).body.items[0].id as string;
    clock.set(new Date('2026-03-02T09:05:00Z'));
    await send(account.cookie, 'POST', `/conversations/${id}/replies`, { text: 'Sorry, on it' });
    clock.set(new Date('2026-03-02T09:10:00Z'));
    await send(account.cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' });
    await drainActivity(server);
    return id;
  }

  it("never counts another account's conversations, and only supervisors and admins read reports", async () => {
    const a = await seedAccount(server);
    const b = await seedAccount(server);
    await answeredConversation(a, 'tenant-a');
    const mine = (await get(a.cookie, `/analytics/summary?${RANGE}`)).body.kpis;
    const theirs = (await get(b.cookie, `/analytics/summary?${RANGE}`)).body.kpis;
    expect(mine.volume.newConversations).toBe(1);
    expect(mine.firstResponse.mean).toBe(300);
    expect(theirs.volume.newConversations).toBe(0);
    expect(theirs.firstResponse.count).toBe(0);
    const conversations = (await get(b.cookie, `/analytics/conversations?${RANGE}`)).body.items;
    expect(conversations).toEqual([]);
    const agent = await addUser(server, a.accountId, 'agent');
    expect((await get(agent.cookie, `/analytics/summary?${RANGE}`)).status).toBe(403);
    const supervisor = await addUser(server, a.accountId, 'supervisor');
    expect((await get(supervisor.cookie, `/analytics/summary?${RANGE}`)).status).toBe(200);
    expect((await send(supervisor.cookie, 'PUT', '/analytics/settings', { fcrWindowDays: 3 })).status).toBe(
      403,
    );
    expect(
      (await server.app.inject({ method: 'GET', url: `/api/v1/analytics/summary?${RANGE}` })).statusCode,
    ).toBe(401);
  });

  it('breaks down and filters by label', async () => {
    const account = await seedAccount(server);
    const id = await answeredConversation(account, 'label-customer');
    const db = server.runtime.ctx.db.kysely;
    const label = await db
      .insertInto('labels')
      .values({ account_id: account.accountId, name: 'Refunds' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('conversation_labels')
      .values({ account_id: account.accountId, conversation_id: id, label_id: label.id })
      .execute();
    const rows = (await get(account.cookie, `/analytics/breakdown?${RANGE}&groupBy=label`)).body.rows;
    expect(rows.map((r: any) => [r.label, r.volume.newConversations, r.firstResponse.mean])).toEqual([
      ['Refunds', 1, 300],
    ]);
    const other = '00000000-0000-4000-8000-000000000000';
    const none = (await get(account.cookie, `/analytics/summary?${RANGE}&labelId=${other}`)).body.kpis;
    expect(none.volume.newConversations).toBe(0);
    const some = (await get(account.cookie, `/analytics/summary?${RANGE}&labelId=${label.id}`)).body.kpis;
    expect(some.resolutions).toBe(1);
  });

  it('answers 400 to bad input', async () => {
    const { cookie } = await seedAccount(server);
    const bad = [
      '/analytics/summary',
      '/analytics/summary?from=yesterday&to=2026-03-03T00:00:00Z',
      '/analytics/summary?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z',
      `/analytics/summary?${RANGE}&grain=5m`,
      `/analytics/summary?${RANGE}&channelId=not-a-uuid`,
      `/analytics/summary?${RANGE}&groupBy=colour`,
      `/analytics/summary?${RANGE}&surprise=1`,
      '/analytics/timeseries?from=2020-01-01T00:00:00Z&to=2026-03-03T00:00:00Z',
      '/analytics/timeseries?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&grain=15m',
      `/analytics/distribution?${RANGE}&metric=mood`,
    ];
    for (const url of bad) {
      const res = await get(cookie, url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.code).toMatch(/bad_request|validation_failed/);
    }
    expect((await send(cookie, 'PUT', '/analytics/settings', { fcrWindowDays: 0 })).status).toBe(400);
    expect(
      (await send(cookie, 'PUT', '/analytics/webhook', { url: 'ftp://x', secret: 'short' })).status,
    ).toBe(400);
  });

  it('counts SLA outcomes from sla.met and sla.breached activity', async () => {
    const account = await seedAccount(server);
    const id = await answeredConversation(account, 'sla-customer');
    const before = (await get(account.cookie, `/analytics/summary?${RANGE}`)).body.kpis.sla;
    await server.runtime.ctx.db.kysely.transaction().execute(async (trx) => {
      const at = new Date('2026-03-02T09:20:00Z');
      const row = (metric: string, kind: 'sla.met' | 'sla.breached') => ({
        accountId: account.accountId,
        conversationId: id,
        kind,
        occurredAt: at,
        data: { metric, dueAt: '2026-03-02T10:00:00Z', targetSeconds: 3600 },
      });
      await appendActivity(trx, [
        row('first_response', 'sla.met'),
        row('next_response', 'sla.met'),
        row('next_response', 'sla.breached'),
        row('resolution', 'sla.breached'),
      ]);
    });
    await drainActivity(server);
    const after = (await get(account.cookie, `/analytics/summary?${RANGE}`)).body.kpis.sla;
    // Whatever routing itself reported for this conversation, plus the four rows appended here.
    expect(after.firstResponse.met - before.firstResponse.met).toBe(1);
    expect(after.nextResponse.met - before.nextResponse.met).toBe(1);
    expect(after.nextResponse.breached - before.nextResponse.breached).toBe(1);
    expect(after.resolution.breached - before.resolution.breached).toBe(1);
    const n = after.nextResponse;
    expect(n.attainment).toBe(n.met / (n.met + n.breached));
  });

  it('sends report-worthy events to a signed webhook, retrying after a failure', async () => {
    const account = await seedAccount(server);
    const receiver = await startCallbackServer(() => '{}');
    try {
      const secret = 'whsec-0123456789abcdef';
      expect(
        (
          await send(account.cookie, 'PUT', '/analytics/webhook', {
            url: receiver.url,
            secret,
            kinds: ['first_response', 'resolution'],
          })
        ).status,
      ).toBe(200);
      expect((await get(account.cookie, '/analytics/webhook')).body.webhook).toMatchObject({
        url: receiver.url,
        kinds: ['first_response', 'resolution'],
      });
      await answeredConversation(account, 'webhook-customer');
      const sender = new AnalyticsWebhookSender({
        db: server.runtime.ctx.db,
        secretKey: server.runtime.ctx.secretKey,
        clock,
      });
      receiver.script.push(503);
      await sender.processBatch();
      // The first delivery failed with 503 and waits for its retry; the other went through.
      expect(receiver.received).toHaveLength(2);
      clock.advance(60_000);
      await sender.processBatch();
      expect(receiver.received).toHaveLength(3);
      const bodies = receiver.received.map((r) => JSON.parse(r.body));
      expect(new Set(bodies.map((b) => b.type))).toEqual(
        new Set(['analytics.first_response', 'analytics.resolution']),
      );
      for (const r of receiver.received) {
        const timestamp = String(r.headers['x-parley-timestamp']);
        const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
        expect(r.headers['x-parley-signature']).toBe(expected);
      }
      const first = bodies.find((b) => b.type === 'analytics.first_response');
      expect(first.event).toMatchObject({ wallSeconds: 300, businessSeconds: 300 });
      const deliveries = (await get(account.cookie, '/analytics/webhook/deliveries')).body.deliveries;
      expect(deliveries.map((d: any) => d.status)).toEqual(['done', 'done']);
      expect(deliveries.map((d: any) => d.attempts).sort()).toEqual([1, 2]);
    } finally {
      await receiver.close();
    }
  });

  it('a rebuild from the activity log gives the same reports', async () => {
    const account = await seedAccount(server);
    await answeredConversation(account, 'rebuild-1');
    const channel = await createApiChannel(server, account.cookie);
    clock.set(new Date('2026-03-02T11:00:00Z'));
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'rebuild-2', occurredAt: clock().toISOString() }),
    );
    await drainInbound(server);
    await drainActivity(server);
    const live = (await get(account.cookie, `/analytics/summary?${RANGE}`)).body.kpis;
    const liveRows = (await get(account.cookie, `/analytics/conversations?${RANGE}`)).body.items;
    const replayed = await rebuildAnalytics(server.runtime.ctx.db.kysely, {
      accountId: account.accountId,
      clock,
    });
    expect(replayed).toBeGreaterThan(5);
    expect((await get(account.cookie, `/analytics/summary?${RANGE}`)).body.kpis).toEqual(live);
    expect((await get(account.cookie, `/analytics/conversations?${RANGE}`)).body.items).toEqual(liveRows);
  });

  it('a rebuild while the follower is behind still records every activity row once', async () => {
    const account = await seedAccount(server);
    await answeredConversation(account, 'behind-1');
    const channel = await createApiChannel(server, account.cookie);
    clock.set(new Date('2026-03-02T11:00:00Z'));
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'behind-2', occurredAt: clock().toISOString() }),
    );
    await drainInbound(server); // stored and logged, not yet seen by the analytics follower
    await rebuildAnalytics(server.runtime.ctx.db.kysely, { accountId: account.accountId, clock });
    await drainActivity(server);
    const kpis = (await get(account.cookie, `/analytics/summary?${RANGE}`)).body.kpis;
    expect(kpis.volume).toEqual({ inboundMessages: 2, newConversations: 2 });
    expect(kpis.replies).toBe(1);
  });
});
