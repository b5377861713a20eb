import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

interface Row {
  id: string;
  snippet: string;
  priority: string;
  sentimentStart: string | null;
  sentimentEnd: string | null;
  priorityExplanation: { score: number; factors: { name: string; contribution: number }[] } | null;
}

describe.each(testEngines())('triage in the inbox on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const list = async (cookie: string, query = '') =>
    (
      (
        await server.app.inject({ method: 'GET', url: `/api/v1/conversations${query}`, headers: { cookie } })
      ).json() as {
        items: Row[];
      }
    ).items;

  async function seedMix() {
    const account = await seedAccount(server);
    const channel = await createApiChannel(server, account.cookie);
    const angry = 'This is the THIRD time my order is late. Still waiting, I am talking to my lawyer.';
    await postWebhook(
      server,
      channel,
      apiMessage({
        authorId: 'fan',
        text: 'Love you guys, the best service ever! 😍',
        isPublic: true,
        author: { followerCount: 40 },
      }),
    );
    await postWebhook(
      server,
      channel,
      apiMessage({
        authorId: 'chatter',
        text: 'anyone watching the game tonight',
        isPublic: true,
        author: { followerCount: 90 },
      }),
    );
    await postWebhook(
      server,
      channel,
      apiMessage({
        authorId: 'big',
        text: angry,
        isPublic: true,
        author: { followerCount: 250_000, isVerified: true },
      }),
    );
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'rt', text: 'RT @brand: our winter sale starts now', isPublic: true }),
    );
    await drainInbound(server);
    return { ...account, angry };
  }

  it('ranks a negative post from a big audience above chatter and praise, and explains why', async () => {
    const { cookie, angry } = await seedMix();
    const rows = await list(cookie);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.snippet).toBe(angry);
    expect(['urgent', 'high']).toContain(rows[0]?.priority);
    expect(rows[0]?.sentimentStart).toBe('negative');
    const factors = rows[0]?.priorityExplanation?.factors.map((f) => f.name) ?? [];
    expect(factors).toEqual(expect.arrayContaining(['negative_sentiment']));
    expect(factors.some((f) => /legal/.test(f))).toBe(true);
    expect(rows.find((r) => r.snippet.startsWith('Love you'))?.sentimentStart).toBe('positive');
  });

  it('keeps reposts out of the queue by default, listed as chatter', async () => {
    const { cookie } = await seedMix();
    expect((await list(cookie)).map((r) => r.snippet)).not.toContain('RT @brand: our winter sale starts now');
    expect((await list(cookie, '?cases=chatter')).map((r) => r.snippet)).toEqual([
      'RT @brand: our winter sale starts now',
    ]);
  });

  it('re-ranks open conversations when an admin changes the weights', async () => {
    const { cookie, angry } = await seedMix();
    const res = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/triage',
      headers: { cookie },
      payload: {
        priority: {
          weights: {
            negativeSentiment: 0,
            reach: 0,
            verified: 0,
            legal: 0,
            escalation: 0,
            shouting: 0,
            intent: { praise: 90 },
          },
        },
      },
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { reranked: number }).reranked).toBeGreaterThan(0);
    const rows = await list(cookie);
    expect(rows[0]?.snippet).toMatch(/^Love you/);
    expect(rows.at(-1)?.snippet === angry || rows[1]?.snippet === angry).toBe(true);
    const bad = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/triage',
      headers: { cookie },
      payload: { priority: { thresholds: { urgent: 500 } } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('an agent corrects sentiment; the correction is kept for retraining', async () => {
    const { cookie } = await seedMix();
    const fan = (await list(cookie)).find((r) => r.snippet.startsWith('Love you'))!;
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${fan.id}`,
      headers: { cookie },
    });
    const message = (
      detail.json() as { messages: { id: string; triage: { sentiment: { label: string } } }[] }
    ).messages[0]!;
    expect(message.triage.sentiment.label).toBe('positive');
    const corrected = await server.app.inject({
      method: 'POST',
      url: `/api/v1/messages/${message.id}/corrections`,
      headers: { cookie },
      payload: { sentiment: 'neutral', intent: 'feedback' },
    });
    expect(corrected.statusCode).toBe(200);
    expect((await list(cookie)).find((r) => r.id === fan.id)?.sentimentEnd).toBe('neutral');
    const corrections = await server.app.inject({
      method: 'GET',
      url: '/api/v1/triage/corrections',
      headers: { cookie },
    });
    expect((corrections.json() as { items: { field: string; from: string; to: string }[] }).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'sentiment', from: 'positive', to: 'neutral' }),
      ]),
    );
  });

  it("suggests the account's own past replies to similar customer messages", async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const history = [
      [
        'My parcel has not arrived yet',
        'Sorry about the delay! Please DM us your order number and we will chase the courier.',
      ],
      [
        'How do I reset my password?',
        'You can reset it from the login page: tap Forgot password and follow the email.',
      ],
      ['Can I return these shoes?', 'Of course, returns are free within 30 days from your account page.'],
    ];
    for (const [i, [question, answer]] of history.entries()) {
      await postWebhook(server, channel, apiMessage({ authorId: `hist-${i}`, text: question }));
      await drainInbound(server);
      const id = (await list(cookie)).find((r) => r.snippet === question)!.id;
      await server.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/replies`,
        headers: { cookie },
        payload: { text: answer },
      });
    }
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'new-one', text: 'my parcel still has not arrived, where is it' }),
    );
    await drainInbound(server);
    const fresh = (await list(cookie)).find((r) => r.snippet.startsWith('my parcel'))!;
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${fresh.id}/suggestions`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { text: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]?.text).toMatch(/chase the courier/);
  });
});
