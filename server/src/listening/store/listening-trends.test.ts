import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signApiBody } from '../../channels/index.ts';
import { testEngines } from '../../db/testing.ts';
import {
  createApiChannel,
  manualClock,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { ALERT_DELIVERIES_PER_HOUR, enqueueAlertDeliveries } from './alert-deliveries.ts';
import { buildListeningDelivery } from './x-stream.ts';

let sequence = 0;
function post(text: string, at: Date) {
  sequence += 1;
  return {
    id: `${Date.now()}${sequence}`,
    text,
    createdAt: at,
    lang: 'en',
    author: { id: `a${sequence}`, username: `poster${sequence}`, followers: 50 },
  };
}

describe.each(testEngines())('listening trends, bad input and rate limits on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-09T12:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const api = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  function deliver(channel: { id: string; secret: string }, raw: string) {
    return server.app.inject({
      method: 'POST',
      url: `/webhooks/listening/${channel.id}`,
      headers: { 'content-type': 'application/json', 'x-parley-signature': signApiBody(channel.secret, raw) },
      payload: raw,
    });
  }

  it('gives sentiment over time, terms, complaint clusters and share of voice; other tenants see none of it', async () => {
    const admin = await seedAccount(server);
    const channel = await createApiChannel(server, admin.cookie);
    const brand = (
      await api(admin.cookie, 'POST', '/listening/monitors', { name: 'Orbly', query: 'orbly' })
    ).json();
    const rival = (
      await api(admin.cookie, 'POST', '/listening/monitors', {
        name: 'Cartly',
        query: 'cartly',
        role: 'competitor',
      })
    ).json();
    const now = clock().getTime();
    const posts = [
      ...Array.from({ length: 6 }, (_, i) =>
        post(`orbly parcel never arrived, courier lost it again ${i}`, new Date(now - (i + 1) * 600_000)),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        post(`love the orbly app, so easy ${i}`, new Date(now - (i + 1) * 700_000)),
      ),
      ...Array.from({ length: 2 }, (_, i) =>
        post(`cartly is fine I guess ${i}`, new Date(now - (i + 1) * 800_000)),
      ),
    ];
    await deliver(channel, JSON.stringify(buildListeningDelivery(posts, 'search')));
    await server.runtime.listening.drain();
    const from = new Date(now - 3 * 3_600_000).toISOString();
    const to = new Date(now).toISOString();
    const res = await api(admin.cookie, 'GET', `/listening/trends?from=${from}&to=${to}&bucket=1h`);
    expect(res.statusCode).toBe(200);
    const trends = res.json();
    expect(trends.mentionCount).toBe(11);
    expect(trends.sentimentOverTime).toHaveLength(3);
    const total = trends.sentimentOverTime.reduce((sum: number, b: { total: number }) => sum + b.total, 0);
    expect(total).toBe(11);
    expect(trends.topTerms.map((t: { term: string }) => t.term)).toContain('parcel');
    expect(trends.topTerms.map((t: { term: string }) => t.term)).not.toContain('orbly');
    const cluster = trends.complaintClusters[0];
    expect(cluster.size).toBeGreaterThanOrEqual(3);
    expect(cluster.examples[0].permalink).toMatch(/^https:\/\/x\.com\//);
    const voice = Object.fromEntries(
      trends.shareOfVoice.map((v: { monitorId: string; mentions: number }) => [v.monitorId, v.mentions]),
    );
    expect(voice).toEqual({ [brand.id]: 9, [rival.id]: 2 });

    const other = await seedAccount(server);
    const theirs = (
      await api(other.cookie, 'GET', `/listening/trends?from=${from}&to=${to}&bucket=1h`)
    ).json();
    expect(theirs.mentionCount).toBe(0);
    expect((await api(other.cookie, 'GET', '/listening/mentions')).json().mentions).toEqual([]);
    expect(
      (await api(other.cookie, 'GET', `/listening/trends?monitorId=${brand.id}`)).json().mentionCount,
    ).toBe(0);
    expect((await api(admin.cookie, 'GET', `/listening/trends?from=${to}&to=${from}`)).statusCode).toBe(400);
  });

  it('bad input changes nothing: a bad query edit, a malformed post, a post in the wrong format', async () => {
    const admin = await seedAccount(server);
    const channel = await createApiChannel(server, admin.cookie);
    const monitor = (
      await api(admin.cookie, 'POST', '/listening/monitors', { name: 'Orbly', query: 'orbly' })
    ).json();
    const bad = await api(admin.cookie, 'PATCH', `/listening/monitors/${monitor.id}`, {
      name: 'Renamed',
      query: '"orbly pay',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toMatchObject({ code: 'unterminated_quote', position: 0 });
    const [unchanged] = (await api(admin.cookie, 'GET', '/listening/monitors')).json().items;
    expect(unchanged).toMatchObject({ name: 'Orbly', query: 'orbly' });
    expect(
      (await api(admin.cookie, 'PATCH', `/listening/monitors/${monitor.id}`, { extra: 1 })).statusCode,
    ).toBe(400);

    expect((await deliver(channel, 'not json')).statusCode).toBe(400);
    const wrong = await deliver(channel, JSON.stringify({ data: { id: 'abc', text: 'orbly' } }));
    expect(wrong.statusCode).toBe(200);
    await server.runtime.listening.drain();
    const db = server.runtime.ctx.db.kysely;
    const rows = await db
      .selectFrom('listening_deliveries')
      .select(['status', 'last_error'])
      .where('channel_id', '=', channel.id)
      .execute();
    expect(rows).toEqual([{ status: 'dead', last_error: expect.stringMatching(/X v2 post format/) }]);
    expect((await api(admin.cookie, 'GET', '/listening/mentions')).json().mentions).toEqual([]);
  });

  it('a delivery the database refuses is retried alone while the rest of the batch is stored', async () => {
    const admin = await seedAccount(server);
    const channel = await createApiChannel(server, admin.cookie);
    await api(admin.cookie, 'POST', '/listening/monitors', { name: 'Orbly', query: 'orbly' });
    const good = post('orbly delivered early, nice', clock());
    // A follower count beyond the column's range makes the insert fail inside the batch.
    const broken = {
      ...post('orbly is down', clock()),
      author: { id: 'huge', username: 'huge', followers: 2 ** 40 },
    };
    await deliver(channel, JSON.stringify(buildListeningDelivery([good], 'stream')));
    await deliver(channel, JSON.stringify(buildListeningDelivery([broken], 'stream')));
    await server.runtime.listening.ingest.processBatch();
    const mentions = (await api(admin.cookie, 'GET', '/listening/mentions')).json().mentions;
    expect(mentions.map((m: { text: string }) => m.text)).toEqual([good.text]);
    const db = server.runtime.ctx.db.kysely;
    const rows = await db
      .selectFrom('listening_deliveries')
      .select(['status', 'attempts'])
      .where('channel_id', '=', channel.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { status: 'done', attempts: 0 },
      { status: 'pending', attempts: 1 },
    ]);
  });

  it(`sends at most ${ALERT_DELIVERIES_PER_HOUR} alerts per monitor per hour by each transport, keeping the rest as suppressed`, async () => {
    const admin = await seedAccount(server);
    const monitor = (
      await api(admin.cookie, 'POST', '/listening/monitors', {
        name: 'Orbly',
        query: 'orbly',
        alertEmails: ['lead@example.test'],
        alertWebhookUrl: 'https://hooks.example.test/parley',
      })
    ).json();
    const db = server.runtime.ctx.db.kysely;
    const now = clock();
    for (let i = 0; i < ALERT_DELIVERIES_PER_HOUR + 2; i++) {
      const opened = new Date(now.getTime() - i * 60_000);
      const alert = await db
        .insertInto('listening_alerts')
        .values({
          account_id: admin.accountId,
          monitor_id: monitor.id,
          kind: 'volume_spike',
          status: 'open',
          opened_at: opened,
          updated_at: opened,
          message: `spike ${i}`,
          detail: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueAlertDeliveries(db, {
        accountId: admin.accountId,
        event: 'opened',
        now,
        alert: {
          id: alert.id,
          monitorId: monitor.id,
          monitorName: 'Orbly',
          kind: 'volume_spike',
          status: 'open',
          openedAt: opened.toISOString(),
          updatedAt: opened.toISOString(),
          resolvedAt: null,
          message: `spike ${i}`,
          detail: {},
        },
      });
    }
    const rows = await db
      .selectFrom('listening_alert_deliveries')
      .select(['transport', 'status'])
      .where('monitor_id', '=', monitor.id)
      .execute();
    for (const transport of ['email', 'webhook']) {
      const mine = rows.filter((r) => r.transport === transport);
      expect(mine.filter((r) => r.status === 'pending')).toHaveLength(ALERT_DELIVERIES_PER_HOUR);
      expect(mine.filter((r) => r.status === 'suppressed')).toHaveLength(2);
    }
  });
});
