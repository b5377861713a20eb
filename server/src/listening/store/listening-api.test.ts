import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signApiBody } from '../../channels/index.ts';
import { testEngines } from '../../db/testing.ts';
import {
  addUser,
  createApiChannel,
  manualClock,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { startSmtpSink } from '../../mail/index.ts';
import { signAlertBody } from './alert-deliveries.ts';
import { buildListeningDelivery } from './x-stream.ts';

let postSequence = 0;
function post(text: string, at: Date, extra: { followers?: number; likes?: number; id?: string } = {}) {
  postSequence += 1;
  return {
    id: extra.id ?? `${Date.now()}${postSequence}`,
    text,
    createdAt: at,
    lang: 'en',
    author: {
      id: `u${postSequence}`,
      username: `user${postSequence}`,
      name: 'Pat Poster',
      followers: extra.followers ?? 120,
    },
    metrics: { likes: extra.likes ?? 0 },
  };
}

describe.each(testEngines())('listening API on %s', (engine) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer(engine, {
      clock,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'alerts@parley.test' },
    });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const api = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  function deliver(channel: { id: string; secret: string }, body: unknown) {
    const raw = JSON.stringify(body);
    return server.app.inject({
      method: 'POST',
      url: `/webhooks/listening/${channel.id}`,
      headers: { 'content-type': 'application/json', 'x-parley-signature': signApiBody(channel.secret, raw) },
      payload: raw,
    });
  }

  async function setup(monitor: Record<string, unknown> = {}) {
    const admin = await seedAccount(server);
    const channel = await createApiChannel(server, admin.cookie);
    const res = await api(admin.cookie, 'POST', '/listening/monitors', {
      name: 'Orbly',
      query: 'orbly OR @orbly OR #orbly',
      ...monitor,
    });
    expect(res.statusCode).toBe(201);
    return { admin, channel, monitor: res.json() as { id: string; alertWebhookSecret?: string } };
  }

  it('refuses a bad query with the position of the problem and stores nothing', async () => {
    const admin = await seedAccount(server);
    const res = await api(admin.cookie, 'POST', '/listening/monitors', {
      name: 'Bad',
      query: 'orbly (pay OR refund',
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.details).toMatchObject({ field: 'query', code: 'unbalanced_parenthesis', position: 6 });
    expect((await api(admin.cookie, 'GET', '/listening/monitors')).json().items).toEqual([]);
    const check = await api(admin.cookie, 'POST', '/listening/monitors/validate', { query: 'a OR -b' });
    expect(check.json()).toMatchObject({ ok: false, error: { code: 'not_only' } });
    const agent = await addUser(server, admin.accountId, 'agent');
    const denied = await api(agent.cookie, 'POST', '/listening/monitors', { name: 'X', query: 'orbly' });
    expect(denied.statusCode).toBe(403);
  });

  it('stores matching posts once as triaged mentions, with permalink and author link', async () => {
    const { admin, channel, monitor } = await setup();
    const at = clock();
    const complaint = post('@orbly my parcel is two weeks late and nobody answers, I want a refund', at, {
      id: '901',
    });
    const unrelated = post('lovely weather for a walk today', at);
    const first = await deliver(channel, buildListeningDelivery([complaint, unrelated], 'search'));
    expect(first.json()).toEqual({ ok: true, duplicate: false });
    const again = await deliver(channel, buildListeningDelivery([complaint, unrelated], 'search'));
    expect(again.json()).toEqual({ ok: true, duplicate: true });
    // The same post in a later delivery (stream format, more likes) is still one mention.
    await deliver(channel, buildListeningDelivery([{ ...complaint, metrics: { likes: 40 } }], 'stream'));
    await server.runtime.listening.drain();
    const { mentions } = (await api(admin.cookie, 'GET', '/listening/mentions')).json();
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      externalId: '901',
      monitorIds: [monitor.id],
      sentiment: 'negative',
      engagement: 40,
      permalink: `https://x.com/${complaint.author.username}/status/901`,
      author: { url: `https://x.com/${complaint.author.username}`, followers: 120 },
      conversationId: null,
    });
    expect(typeof mentions[0].isActionable).toBe('boolean');
    expect(mentions[0].reach).toBeGreaterThan(0);
    const badSignature = await server.app.inject({
      method: 'POST',
      url: `/webhooks/listening/${channel.id}`,
      headers: { 'content-type': 'application/json', 'x-parley-signature': 'sha256=00' },
      payload: '{}',
    });
    expect(badSignature.statusCode).toBe(401);
  });

  it('filters the stream and pages with a cursor', async () => {
    const { admin, channel } = await setup();
    const base = clock().getTime();
    const posts = Array.from({ length: 5 }, (_, i) =>
      post(
        i % 2 ? 'orbly is great, thanks for the fast delivery!' : 'orbly app keeps crashing, terrible',
        new Date(base - i * 60_000),
      ),
    );
    await deliver(channel, buildListeningDelivery(posts, 'search'));
    await server.runtime.listening.drain();
    const page1 = (await api(admin.cookie, 'GET', '/listening/mentions?limit=2')).json();
    expect(page1.mentions).toHaveLength(2);
    const page2 = (
      await api(admin.cookie, 'GET', `/listening/mentions?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    const page3 = (
      await api(admin.cookie, 'GET', `/listening/mentions?limit=2&cursor=${page2.nextCursor}`)
    ).json();
    const ids = [...page1.mentions, ...page2.mentions, ...page3.mentions].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(5);
    expect(page3.nextCursor).toBeNull();
    const negative = (await api(admin.cookie, 'GET', '/listening/mentions?sentiment=negative')).json()
      .mentions;
    expect(negative.length).toBeGreaterThan(0);
    for (const m of negative) expect(m.sentiment).toBe('negative');
    const from = new Date(base - 90_000).toISOString();
    const recent = (await api(admin.cookie, 'GET', `/listening/mentions?from=${from}`)).json().mentions;
    expect(recent).toHaveLength(2);
  });

  it('makes a mention a case by hand, carrying author, text, link and triage; other tenants get 404', async () => {
    const { admin, channel } = await setup();
    await deliver(
      channel,
      buildListeningDelivery(
        [post('orbly charged me twice for one order, please fix this', clock())],
        'stream',
      ),
    );
    await server.runtime.listening.drain();
    const [mention] = (await api(admin.cookie, 'GET', '/listening/mentions')).json().mentions;
    const other = await seedAccount(server);
    expect((await api(other.cookie, 'POST', `/listening/mentions/${mention.id}/case`)).statusCode).toBe(404);
    expect(
      (await api(other.cookie, 'GET', `/listening/mentions?monitorId=${mention.monitorIds[0]}`)).json()
        .mentions,
    ).toEqual([]);
    expect(
      (await api(other.cookie, 'DELETE', `/listening/monitors/${mention.monitorIds[0]}`)).statusCode,
    ).toBe(404);
    const agent = await addUser(server, admin.accountId, 'agent');
    const res = await api(agent.cookie, 'POST', `/listening/mentions/${mention.id}/case`);
    expect(res.statusCode).toBe(200);
    const { conversationId, messageId } = res.json();
    const again = (await api(agent.cookie, 'POST', `/listening/mentions/${mention.id}/case`)).json();
    expect(again).toMatchObject({ conversationId, messageId, isNew: false });
    const db = server.runtime.ctx.db.kysely;
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message.text).toBe(mention.text);
    expect(message.channel_id).toBe(channel.id);
    expect(message.metadata).toMatchObject({ permalink: mention.permalink, listeningMentionId: mention.id });
    expect((message.triage as { sentiment: { label: string } }).sentiment.label).toBe(mention.sentiment);
    const contact = await db
      .selectFrom('conversations as c')
      .innerJoin('contacts as p', 'p.id', 'c.contact_id')
      .select(['p.name', 'c.is_public', 'c.channel_id'])
      .where('c.id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Pat Poster', is_public: true, channel_id: channel.id });
    const linked = (await api(agent.cookie, 'GET', '/listening/mentions')).json().mentions[0];
    expect(linked).toMatchObject({ conversationId, convertedBy: `user:${agent.userId}` });
  });

  it('converts automatically by the monitor rule', async () => {
    const { admin, channel } = await setup({ autoCase: { minReach: 0.5 } });
    await deliver(
      channel,
      buildListeningDelivery(
        [
          post('orbly lost my parcel again', clock(), { followers: 2_000_000 }),
          post('orbly lost my parcel', clock(), { followers: 3 }),
        ],
        'search',
      ),
    );
    await server.runtime.listening.drain();
    const mentions = (await api(admin.cookie, 'GET', '/listening/mentions')).json().mentions as {
      reach: number;
      conversationId: string | null;
      convertedBy: string | null;
    }[];
    expect(mentions).toHaveLength(2);
    for (const m of mentions) {
      expect(m.conversationId !== null).toBe(m.reach >= 0.5);
      if (m.conversationId) expect(m.convertedBy).toMatch(/^rule:/);
    }
    expect(mentions.some((m) => m.conversationId)).toBe(true);
  });

  it('alerts on a fast-growing post in realtime, by email and by a signed, retried webhook', async () => {
    const hook = await startCallbackServer();
    try {
      const { admin, channel, monitor } = await setup({
        alertEmails: ['care-lead@example.test'],
        alertWebhookUrl: hook.url,
      });
      const mailsBefore = smtp.received.length;
      const start = clock();
      const viral = post('orbly sold me a broken phone and support laughed at me', start, {
        id: '777',
        followers: 90_000,
      });
      await deliver(channel, buildListeningDelivery([viral], 'stream'));
      await server.runtime.listening.drain();
      clock.advance(2 * 60_000);
      hook.script.push(500);
      await deliver(channel, buildListeningDelivery([{ ...viral, metrics: { likes: 900 } }], 'stream'));
      await server.runtime.listening.drain();
      const alerts = (await api(admin.cookie, 'GET', '/listening/alerts')).json().items;
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: 'fast_post', monitorId: monitor.id, status: 'open' });
      expect(alerts[0].message).toMatch(/Orbly/);
      const db = server.runtime.ctx.db.kysely;
      const events = await db
        .selectFrom('realtime_events')
        .select('payload')
        .where('account_id', '=', admin.accountId)
        .where('type', '=', 'listening.alert')
        .execute();
      expect(events).toHaveLength(1);
      const mails = await smtp.waitFor(mailsBefore + 1);
      const mail = mails[mails.length - 1];
      expect(mail?.to).toEqual(['care-lead@example.test']);
      expect(mail?.subject).toMatch(/fast-growing post on Orbly/);
      expect(mail?.text).toMatch(/observed vs .* expected/);
      // The webhook answered 500 once: retried after its backoff, then signed and delivered.
      expect(hook.received).toHaveLength(1);
      clock.advance(5_000);
      await server.runtime.listening.drain();
      expect(hook.received).toHaveLength(2);
      const last = hook.received[1];
      const timestamp = String(last?.headers['x-parley-timestamp']);
      expect(last?.headers['x-parley-signature']).toBe(
        signAlertBody(monitor.alertWebhookSecret ?? '', timestamp, last?.body ?? ''),
      );
      expect(JSON.parse(last?.body ?? '{}')).toMatchObject({
        type: 'listening.alert.opened',
        alert: { kind: 'fast_post' },
      });
    } finally {
      await hook.close();
    }
  });
});
