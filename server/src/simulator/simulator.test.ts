import { afterEach, describe, expect, it } from 'vitest';
import { signApiBody } from '../channels/index.ts';
import { Simulator } from './simulator.ts';

const started: Simulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function startSimulator(options: ConstructorParameters<typeof Simulator>[0] = {}) {
  const simulator = new Simulator({ port: 0, sendsFollowUps: false, ...options });
  await simulator.start();
  started.push(simulator);
  simulator.addChannel({
    provider: 'messenger',
    channelId: 'ch-msg',
    signingSecret: 's',
    accessToken: 'page-token',
    pageId: '101',
  });
  simulator.addChannel({
    provider: 'instagram',
    channelId: 'ch-ig',
    signingSecret: 's',
    accessToken: 'ig-token',
    igAccountId: '178',
  });
  simulator.addChannel({
    provider: 'facebook',
    channelId: 'ch-fb',
    signingSecret: 's',
    accessToken: 'fb-token',
    pageId: '101',
  });
  simulator.addChannel({
    provider: 'whatsapp',
    channelId: 'ch-wa',
    signingSecret: 's',
    accessToken: 'wa-token',
    phoneNumberId: '1065',
  });
  simulator.addChannel({
    provider: 'x',
    channelId: 'ch-x',
    signingSecret: 's',
    accessToken: 'x-token',
    userId: '150',
  });
  simulator.addChannel({ provider: 'api', channelId: 'ch-api', signingSecret: 'api-secret' });
  return simulator;
}

function post(url: string, body: unknown, headers: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('send endpoints', () => {
  it('answer each platform in its own format with generated ids, and record the request', async () => {
    const sim = await startSimulator();
    const graph = sim.graphBaseUrl();
    const messenger = await post(
      `${graph}/me/messages`,
      {
        recipient: { id: '73' },
        messaging_type: 'RESPONSE',
        message: { text: 'hi', metadata: 'parley:m-1' },
      },
      { authorization: 'Bearer page-token' },
    );
    expect(messenger.status).toBe(200);
    expect(await messenger.json()).toEqual({ recipient_id: '73', message_id: expect.stringMatching(/^m_/) });

    const comment = await post(
      `${graph}/101_555/comments`,
      { message: 'Sorry!' },
      { authorization: 'Bearer fb-token' },
    );
    expect(await comment.json()).toEqual({ id: expect.stringMatching(/^101_\d+$/) });

    const igReply = await post(
      `${graph}/17900/replies`,
      { message: 'Thanks' },
      { authorization: 'Bearer ig-token' },
    );
    expect(await igReply.json()).toEqual({ id: expect.stringMatching(/^\d{17}$/) });

    const wa = await post(
      `${graph}/1065/messages`,
      { messaging_product: 'whatsapp', to: '447700900123', type: 'text', text: { body: 'ok' } },
      { authorization: 'Bearer wa-token' },
    );
    const waBody = (await wa.json()) as { messages: { id: string }[]; contacts: { wa_id: string }[] };
    expect(waBody.messages[0]?.id).toMatch(/^wamid\./);
    expect(waBody.contacts[0]?.wa_id).toBe('447700900123');

    const tweet = await post(
      `${sim.xBaseUrl()}/2/tweets`,
      { text: 'On it', reply: { in_reply_to_tweet_id: '9' } },
      { authorization: 'Bearer x-token' },
    );
    expect(tweet.status).toBe(201);
    expect(await tweet.json()).toEqual({
      data: {
        id: expect.stringMatching(/^\d{19}$/),
        text: 'On it',
        edit_history_tweet_ids: [expect.any(String)],
      },
    });

    const dm = await post(
      `${sim.xBaseUrl()}/2/dm_conversations/with/160/messages`,
      { text: 'DM' },
      { authorization: 'Bearer x-token' },
    );
    expect(await dm.json()).toEqual({
      data: { dm_conversation_id: '150-160', dm_event_id: expect.any(String) },
    });

    const apiBody = JSON.stringify({ id: 'p-1', text: 'hello' });
    const api = await fetch(sim.apiCallbackUrl('ch-api'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-parley-delivery': 'p-1',
        'x-parley-signature': signApiBody('api-secret', apiBody),
      },
      body: apiBody,
    });
    expect(api.status).toBe(200);

    expect(sim.log.requests.map((r) => [r.provider, r.channelId, r.status])).toEqual([
      ['messenger', 'ch-msg', 200],
      ['facebook', 'ch-fb', 200],
      ['instagram', 'ch-ig', 200],
      ['whatsapp', 'ch-wa', 200],
      ['x', 'ch-x', 201],
      ['x', 'ch-x', 201],
      ['api', 'ch-api', 200],
    ]);
    const counts = sim.log.acceptedCounts();
    expect(counts.get('parley:m-1')).toBe(1);
    expect(counts.get('parley:p-1')).toBe(1);
    expect(sim.log.duplicates()).toEqual([]);
  });

  it('refuses bad credentials as the platform would, and counts a repeated message', async () => {
    const sim = await startSimulator();
    const noToken = await post(
      `${sim.graphBaseUrl()}/me/messages`,
      { recipient: { id: '1' }, message: { text: 'x' } },
      {},
    );
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: number } }).error.code).toBe(190);
    const wrongToken = await post(
      `${sim.xBaseUrl()}/2/tweets`,
      { text: 'x' },
      { authorization: 'Bearer nope' },
    );
    expect(wrongToken.status).toBe(401);
    const forged = await fetch(sim.apiCallbackUrl('ch-api'), {
      method: 'POST',
      headers: { 'x-parley-signature': signApiBody('wrong', '{}'), 'x-parley-delivery': 'p-9' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
    for (let i = 0; i < 2; i++) {
      await post(
        `${sim.graphBaseUrl()}/me/messages`,
        { recipient: { id: '1' }, message: { text: 'x', metadata: 'parley:m-2' } },
        { authorization: 'Bearer page-token' },
      );
    }
    expect(sim.log.duplicates()).toEqual(['parley:m-2']);
    expect(sim.log.acceptedCounts().has('parley:p-9')).toBe(false);
  });
});

describe('fault injection', () => {
  it('refuses sends at roughly the set rates, reproducibly for a seed, with reset headers', async () => {
    const run = async () => {
      const sim = await startSimulator({
        seed: 42,
        faults: { serverError: 0.15, rateLimit: 0.15 },
        rateLimitResetMs: 800,
        clock: () => new Date('2026-03-02T12:00:00.500Z'),
      });
      const statuses: number[] = [];
      let resetHeader: string | null = null;
      for (let i = 0; i < 200; i++) {
        const res = await post(
          `${sim.xBaseUrl()}/2/tweets`,
          { text: `reply ${i}`, reply: { in_reply_to_tweet_id: '1' } },
          { authorization: 'Bearer x-token' },
        );
        statuses.push(res.status);
        if (res.status === 429) resetHeader ??= res.headers.get('x-rate-limit-reset');
        await res.arrayBuffer();
      }
      return { statuses, resetHeader };
    };
    const first = await run();
    const second = await run();
    expect(second.statuses).toEqual(first.statuses);
    const share = (status: number) =>
      first.statuses.filter((s) => s === status).length / first.statuses.length;
    expect(share(500)).toBeGreaterThan(0.09);
    expect(share(500)).toBeLessThan(0.21);
    expect(share(429)).toBeGreaterThan(0.09);
    expect(share(429)).toBeLessThan(0.21);
    // 12:00:00.500 + 800 ms, rounded up to whole epoch seconds.
    expect(Number(first.resetHeader)).toBe(Date.parse('2026-03-02T12:00:02Z') / 1000);
  });

  it('answers Meta throttling in Meta error bodies', async () => {
    const sim = await startSimulator({ seed: 7, faults: { throttle: 1 } });
    const res = await post(
      `${sim.graphBaseUrl()}/me/messages`,
      { recipient: { id: '1' }, message: { text: 'x' } },
      { authorization: 'Bearer page-token' },
    );
    const body = (await res.json()) as { error: { code: number; is_transient: boolean } };
    expect([400, 403]).toContain(res.status);
    expect([4, 613]).toContain(body.error.code);
    expect(body.error.is_transient).toBe(true);
  });

  it('holds a timed-out send past the client timeout but records it as accepted', async () => {
    const sim = await startSimulator({ faults: { timeout: 1 }, hangMs: 60_000 });
    const attempt = post(sim.apiCallbackUrl('ch-api'), {}, {}).catch((e: Error) => e.name);
    const apiBody = '{"id":"p-3"}';
    const aborted = await fetch(sim.apiCallbackUrl('ch-api'), {
      method: 'POST',
      headers: { 'x-parley-delivery': 'p-3', 'x-parley-signature': signApiBody('api-secret', apiBody) },
      body: apiBody,
      signal: AbortSignal.timeout(200),
    }).catch((e: Error) => e.name);
    expect(aborted).toBe('TimeoutError');
    await attempt;
    const record = sim.log.requests.find((r) => r.deliveryKey === 'parley:p-3');
    expect(record?.status).toBe('timeout');
    expect(sim.log.acceptedCounts().get('parley:p-3')).toBe(1);
  });
});
