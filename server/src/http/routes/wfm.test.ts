import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { requiredAgentsErlangC } from '../../wfm/index.ts';
import { workerSolves } from '../../wfm/schedule-thread.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../testing.ts';

type Json = Record<string, unknown>;

// "Now" is Monday 2026-03-02 09:00 UTC = 10:00 in Berlin (CET, UTC+1; DST starts 29 March).
const NOW = new Date('2026-03-02T09:00:00Z');

describe.each(testEngines())('WFM API on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(NOW);
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    const res = await server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json() as Json };
  };

  async function berlinAccount() {
    const account = await seedAccount(server);
    await server.runtime.ctx.db.kysely
      .updateTable('accounts')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', account.accountId)
      .execute();
    return account;
  }

  it('counts contacts per local interval from conversations and messages (expected counts worked by hand)', async () => {
    const me = await berlinAccount();
    const channel = await createApiChannel(server, me.cookie);
    const send = (author: string, occurredAt: string) =>
      postWebhook(server, channel, apiMessage({ authorId: author, occurredAt }));
    // Window for weeks=1: local dates 2026-02-23 (Mon) … 2026-03-01 (Sun); today (03-02) is excluded.
    await send('a', '2026-02-24T08:10:00Z'); // Tue 09:10 local → day 1, 09:00 slot (index 48 + 18 = 66)
    await send('b', '2026-02-24T08:29:59Z'); // Tue 09:29:59 → index 66
    await send('c', '2026-02-24T08:30:00Z'); // Tue 09:30 → index 67
    await send('d', '2026-02-28T23:15:00Z'); // Sun 00:15 local → day 6, slot 0 → index 288
    await send('e', '2026-02-22T23:30:00Z'); // Mon 00:30 local → day 0, slot 1 → index 1
    await send('f', '2026-02-22T22:59:00Z'); // Sun 22 Feb 23:59 local → before the window
    await send('g', '2026-03-02T08:00:00Z'); // today → not history
    await drainInbound(server);
    await send('a', '2026-02-24T08:50:00Z'); // a's second message, same conversation: Tue 09:50 → index 67
    await drainInbound(server);
    // Two agent replies on a's conversation: its handle time is 2 × secondsPerReply.
    const list = await call(me.cookie, 'GET', '/conversations?limit=50');
    const items = list.body.items as {
      id: string;
      contact: { name: string | null };
      messageCount?: number;
    }[];
    expect(items).toHaveLength(7);
    const detail = await Promise.all(items.map((i) => call(me.cookie, 'GET', `/conversations/${i.id}`)));
    const convA = detail.find((d) => (d.body.messages as unknown[]).length === 2);
    expect(convA).toBeDefined();
    const aId = (convA?.body.conversation as { id: string } | undefined)?.id ?? (convA?.body.id as string);
    for (const text of ['On it', 'Sent a replacement']) {
      expect((await call(me.cookie, 'POST', `/conversations/${aId}/replies`, { text })).status).toBe(201);
    }

    const conv = await call(me.cookie, 'GET', '/wfm/history?interval=30&weeks=1&secondsPerReply=100');
    expect(conv.status).toBe(200);
    expect(conv.body).toMatchObject({ zone: 'Europe/Berlin', fromDate: '2026-02-23', toDate: '2026-03-01' });
    const total = conv.body.total as { volume: number[]; meanHandleSeconds: (number | null)[] };
    expect(total.volume).toHaveLength(7 * 48);
    const nonZero = Object.fromEntries(total.volume.flatMap((v, i) => (v > 0 ? [[i, v]] : [])));
    expect(nonZero).toEqual({ 1: 1, 66: 2, 67: 1, 288: 1 });
    expect(conv.body.contacts).toBe(5);
    // Index 66: a (2 replies → 200 s) and b (no reply → counted as 1 reply, 100 s): mean 150 s.
    expect(total.meanHandleSeconds[66]).toBe(150);
    expect(total.meanHandleSeconds[67]).toBe(100);
    expect(total.meanHandleSeconds[0]).toBeNull();
    const channels = conv.body.channels as { provider: string; volume: number[] }[];
    expect(channels.map((c) => c.provider)).toEqual(['api']);
    expect(channels[0]?.volume).toEqual(total.volume);

    // Measured agent time (the desk's viewing/typing stretches) replaces the reply model: c's
    // conversation (index 67, no reply: 100 s by the model) was worked 30 s + 15 s.
    const db = server.runtime.ctx.db.kysely;
    const convC = await db
      .selectFrom('conversations as cv')
      .innerJoin('contact_identities as ci', 'ci.contact_id', 'cv.contact_id')
      .select('cv.id')
      .where('cv.account_id', '=', me.accountId)
      .where('ci.external_user_id', '=', 'c')
      .executeTakeFirstOrThrow();
    const at = (iso: string) => new Date(iso);
    await db
      .insertInto('conversation_work_time')
      .values([
        {
          account_id: me.accountId,
          user_id: me.userId,
          conversation_id: convC.id,
          started_at: at('2026-02-24T08:40:00Z'),
          last_seen_at: at('2026-02-24T08:40:30Z'),
          ended_at: at('2026-02-24T08:40:30Z'),
          last_state: 'typing',
        },
        {
          account_id: me.accountId,
          user_id: me.userId,
          conversation_id: convC.id,
          started_at: at('2026-02-24T09:00:00Z'),
          last_seen_at: at('2026-02-24T09:00:15Z'),
          ended_at: null,
          last_state: 'viewing',
        },
      ])
      .execute();
    const measured = await call(me.cookie, 'GET', '/wfm/history?interval=30&weeks=1&secondsPerReply=100');
    const measuredTotal = measured.body.total as { meanHandleSeconds: (number | null)[] };
    expect(measuredTotal.meanHandleSeconds[67]).toBe(45);
    expect(measuredTotal.meanHandleSeconds[66]).toBe(150);

    const msgs = await call(me.cookie, 'GET', '/wfm/history?interval=30&weeks=1&measure=messages');
    const msgVolume = (msgs.body.total as { volume: number[] }).volume;
    expect(Object.fromEntries(msgVolume.flatMap((v, i) => (v > 0 ? [[i, v]] : [])))).toEqual({
      1: 1,
      66: 2,
      67: 2,
      288: 1,
    });
    const hourly = await call(me.cookie, 'GET', '/wfm/history?interval=60&weeks=1');
    const hourlyVolume = (hourly.body.total as { volume: number[] }).volume;
    expect(hourlyVolume).toHaveLength(7 * 24);
    expect(Object.fromEntries(hourlyVolume.flatMap((v, i) => (v > 0 ? [[i, v]] : [])))).toEqual({
      0: 1,
      33: 3,
      144: 1,
    });

    // Another tenant sees none of it, and this account does not see theirs.
    const other = await berlinAccount();
    const otherChannel = await createApiChannel(server, other.cookie);
    await postWebhook(
      server,
      otherChannel,
      apiMessage({ authorId: 'z', occurredAt: '2026-02-24T08:10:00Z' }),
    );
    await drainInbound(server);
    const theirs = await call(other.cookie, 'GET', '/wfm/history?interval=30&weeks=1');
    expect(theirs.body.contacts).toBe(1);
    const mine = await call(me.cookie, 'GET', '/wfm/history?interval=30&weeks=1');
    expect(mine.body.contacts).toBe(5);
  });

  it("forecasts from the account's own conversations, with today's actuals so far", async () => {
    const me = await berlinAccount();
    const channel = await createApiChannel(server, me.cookie);
    // One conversation a day at 11:15 Berlin (10:15 UTC) for the four weeks before today, and
    // two today before "now" (10:00 Berlin): at 01:05 and 09:40 local.
    for (let d = 28; d >= 1; d--) {
      const day = new Date(NOW.getTime() - d * 86_400_000).toISOString().slice(0, 10);
      await postWebhook(server, channel, apiMessage({ authorId: `c${d}`, occurredAt: `${day}T10:15:00Z` }));
    }
    await postWebhook(server, channel, apiMessage({ authorId: 't1', occurredAt: '2026-03-02T00:05:00Z' }));
    await postWebhook(server, channel, apiMessage({ authorId: 't2', occurredAt: '2026-03-02T08:40:00Z' }));
    await drainInbound(server);
    const res = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'db', weeks: 4 },
      interval: 60,
      method: 'seasonal_naive',
      horizonWeeks: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'db', zone: 'Europe/Berlin', historyContacts: 28 });
    const forecast = res.body.forecast as { startDate: string; mean: number[] };
    expect(forecast.startDate).toBe('2026-03-02');
    // Seasonal naive: one contact at 11:00 every day, nothing else.
    expect(forecast.mean.slice(0, 24)).toEqual(Array.from({ length: 24 }, (_, h) => (h === 11 ? 1 : 0)));
    // 10:00 Berlin: ten hourly intervals have passed; one contact in the 01:00 and one in the 09:00 interval.
    expect(res.body.actualsToday).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    const other = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'db', weeks: 4, provider: 'x' },
      interval: 60,
    });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ details: { reason: 'insufficient_history', contacts: 0 } });
  });

  it('forecasts from a sample history with intervals, actuals so far and a backtest against seasonal naive', async () => {
    const me = await seedAccount(server, 'supervisor');
    const res = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'sample', weeks: 4 },
      interval: 60,
      horizonWeeks: 2,
      specialDays: [{ date: '2026-03-04', label: 'Product launch', multiplier: 1.5 }],
    });
    expect(res.status).toBe(200);
    const forecast = res.body.forecast as {
      startDate: string;
      mean: number[];
      intervals: { level: number; lower: number[]; upper: number[] }[];
      flagged: { date: string }[];
    };
    expect(forecast.startDate).toBe('2026-03-02');
    expect(forecast.mean).toHaveLength(2 * 7 * 24);
    expect(forecast.intervals.map((p) => p.level)).toEqual([0.8, 0.95]);
    forecast.mean.forEach((m, i) => {
      expect(forecast.intervals[1]?.lower[i]).toBeLessThanOrEqual(m + 1e-9);
      expect(forecast.intervals[1]?.upper[i]).toBeGreaterThanOrEqual(m - 1e-9);
    });
    expect(forecast.flagged.map((d) => d.date)).toEqual(['2026-03-04']);
    // UTC account at 09:00: nine hourly intervals of today have happened.
    expect(res.body.actualsToday).toHaveLength(9);
    expect((res.body.intraday as { reforecast: number[] }).reforecast).toHaveLength(24);
    const backtest = res.body.backtest as { chosen: string; methods: { method: string; mase: number }[] };
    const naive = backtest.methods.find((m) => m.method === 'seasonal_naive');
    const chosen = backtest.methods.find((m) => m.method === backtest.chosen);
    expect(naive && chosen).toBeTruthy();
    expect(chosen?.mase).toBeLessThanOrEqual(naive?.mase ?? 0);
  });

  it('forecasts an uploaded CSV, and refuses a bad CSV or too little history with a clear 400', async () => {
    const me = await seedAccount(server);
    const rows = ['timestamp,count'];
    for (let d = 0; d < 21; d++) {
      const date = new Date(Date.UTC(2026, 1, 1 + d)).toISOString().slice(0, 10);
      for (let h = 0; h < 24; h++)
        rows.push(`${date} ${String(h).padStart(2, '0')}:00,${h >= 8 && h < 20 ? 10 + (d % 7) : 2}`);
    }
    const ok = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'csv', csv: rows.join('\n') },
      interval: 60,
      method: 'seasonal_naive',
      horizonWeeks: 1,
    });
    expect(ok.status).toBe(200);
    const mean = (ok.body.forecast as { mean: number[]; startDate: string }).mean;
    // Seasonal naive repeats the last week: 2026-02-22 (the first forecast day) is like 2026-02-15 (d = 14).
    expect(mean.slice(0, 24)).toEqual(Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 10 : 2)));

    const bad = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'csv', csv: 'timestamp,count\n2026-02-01 00:00,lots' },
      interval: 60,
    });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { message: string }).message).toMatch(/CSV not understood.*not a number/);
    const empty = await call(me.cookie, 'POST', '/wfm/forecast', { history: { source: 'db' }, interval: 30 });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ details: { reason: 'insufficient_history' } });
    const schema = await call(me.cookie, 'POST', '/wfm/forecast', {
      history: { source: 'db' },
      horizonWeeks: 9,
    });
    expect(schema.status).toBe(400);
  });

  it('staffs immediate, chat and deferred channels with shrinkage', async () => {
    const me = await seedAccount(server);
    const res = await call(me.cookie, 'POST', '/wfm/staffing', {
      interval: 30,
      shrinkage: 0.3,
      channels: [
        {
          name: 'voice',
          kind: 'immediate',
          volume: [360, 180],
          handleSeconds: 240,
          serviceLevel: 0.8,
          answerSeconds: 15,
        },
        {
          name: 'chat',
          kind: 'immediate',
          volume: [360, 180],
          handleSeconds: 240,
          serviceLevel: 0.8,
          answerSeconds: 15,
          concurrency: 2,
          concurrencyFactors: { 1: 1, 2: 1.3 },
        },
        {
          name: 'social',
          kind: 'deferred',
          volume: [100, 0],
          handleSeconds: 360,
          responseSeconds: 3600,
          maxOccupancy: 0.9,
        },
      ],
    });
    expect(res.status).toBe(200);
    const [voice, chat, social] = res.body.channels as { agents: number[]; backlogSeconds?: number[] }[];
    const expected = requiredAgentsErlangC(
      { contacts: 360, intervalSeconds: 1800, handleSeconds: 240 },
      { serviceLevel: 0.8, answerSeconds: 15 },
    ).agents;
    expect(voice?.agents[0]).toBe(expected);
    expect(chat?.agents[0]).toBeLessThan(expected);
    // 36,000 s of social work, due by the end of the second half-hour, at 0.9 × 1800 = 1,620 s per
    // agent: a constant rate over the window needs ⌈36000 / 3240⌉ = 12 agents; they clear 19,440 s,
    // leaving 16,560 s (⌈16560 / 1620⌉ = 11 agents) for the second half-hour, which finishes it.
    expect(social?.agents).toEqual([12, 11]);
    expect(social?.backlogSeconds).toEqual([16_560, 0]);
    const productive = res.body.productive as number[];
    expect(res.body.scheduled).toEqual(productive.map((p) => Math.ceil(p / 0.7 - 1e-9)));
  });

  it('rejects bad staffing, schedule and scenario input with 400 and changes nothing; agents are refused', async () => {
    const me = await seedAccount(server);
    const missing = await call(me.cookie, 'POST', '/wfm/staffing', {
      interval: 30,
      shrinkage: 0.3,
      channels: [{ name: 'voice', kind: 'immediate', volume: [10], handleSeconds: 240 }],
    });
    expect(missing.status).toBe(400);
    expect((missing.body.error as { message: string }).message).toMatch(/serviceLevel and answerSeconds/);
    const shrink = await call(me.cookie, 'POST', '/wfm/staffing', {
      interval: 30,
      shrinkage: 1.5,
      channels: [{ name: 'v', kind: 'deferred', volume: [1], handleSeconds: 1, responseSeconds: 60 }],
    });
    expect(shrink.status).toBe(400);
    const shortWeek = await call(me.cookie, 'POST', '/wfm/schedule', {
      interval: 60,
      required: new Array(200).fill(1),
    });
    expect(shortWeek.status).toBe(400);
    expect((shortWeek.body.error as { message: string }).message).toMatch(/168 values/);
    const badScenario = await call(me.cookie, 'PUT', '/wfm/scenarios', { name: '', settings: {} });
    expect(badScenario.status).toBe(400);
    expect((await call(me.cookie, 'GET', '/wfm/scenarios')).body.items).toEqual([]);
    const simMismatch = await call(me.cookie, 'POST', '/wfm/simulate', {
      interval: 30,
      expectedArrivals: [1, 2],
      agents: [1],
      handleSeconds: 60,
      answerSeconds: 20,
    });
    expect(simMismatch.status).toBe(400);
    const agent = await seedAccount(server, 'agent');
    expect((await call(agent.cookie, 'GET', '/wfm/history')).status).toBe(403);
    expect((await call(agent.cookie, 'POST', '/wfm/staffing', {})).status).toBe(403);
  });

  it('saves scenarios per account; another tenant can neither list nor delete them', async () => {
    const me = await seedAccount(server);
    const other = await seedAccount(server);
    const saved = await call(me.cookie, 'PUT', '/wfm/scenarios', {
      name: 'Peak',
      settings: { serviceLevel: 0.9 },
    });
    expect(saved.status).toBe(200);
    const again = await call(me.cookie, 'PUT', '/wfm/scenarios', {
      name: 'Peak',
      settings: { serviceLevel: 0.85 },
    });
    expect(again.body.id).toBe(saved.body.id);
    expect((await call(me.cookie, 'GET', '/wfm/scenarios')).body.items).toMatchObject([
      { name: 'Peak', settings: { serviceLevel: 0.85 } },
    ]);
    expect((await call(other.cookie, 'GET', '/wfm/scenarios')).body.items).toEqual([]);
    expect((await call(other.cookie, 'DELETE', `/wfm/scenarios/${saved.body.id}`)).status).toBe(404);
    expect((await call(me.cookie, 'DELETE', `/wfm/scenarios/${saved.body.id}`)).status).toBe(200);
    expect((await call(me.cookie, 'GET', '/wfm/scenarios')).body.items).toEqual([]);
  });

  it('schedules a small week off the event loop, names members, and simulates the result', async () => {
    const me = await seedAccount(server);
    const required = Array.from({ length: 168 }, (_, i) => (i % 24 >= 8 && i % 24 < 20 ? 3 : 1));
    const workerSolvesBefore = workerSolves();
    let solved = false;
    const pending = call(me.cookie, 'POST', '/wfm/schedule', {
      interval: 60,
      required,
      startEveryMinutes: 120,
      lengthsHours: [8],
      breaks: [],
      workDays: 5,
      timeLimitSeconds: 20,
      // An 8-hour, 5-day tour is 40 paid hours: at the default penalty of 10, four uncovered
      // agent-hours cost as much as one more tour, so make covering strictly cheaper.
      understaffPenalty: 100,
      assignMembers: true,
    }).then((r) => {
      solved = true;
      return r;
    });
    // The solve runs in a worker thread: the server answers other requests meanwhile.
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(solved).toBe(false);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(workerSolves()).toBe(workerSolvesBefore + 1);
    const coverage = res.body.coverage as { required: number; scheduled: number }[];
    expect(coverage).toHaveLength(168);
    expect(res.body.understaffedAgentIntervals).toBe(0);
    for (const c of coverage) expect(c.scheduled).toBeGreaterThanOrEqual(c.required);
    expect(res.body.gapToLpPct as number).toBeGreaterThanOrEqual(-1e-6);
    expect(res.body.solveSeconds as number).toBeGreaterThan(0);
    const tours = res.body.tours as { agentName: string | null; days: unknown[] }[];
    expect(tours.length).toBeGreaterThan(0);
    for (const t of tours) expect(t.days).toHaveLength(5);
    // The account has one member (its admin): exactly one tour carries a name.
    expect(tours.filter((t) => t.agentName !== null)).toHaveLength(1);

    const sim = await call(me.cookie, 'POST', '/wfm/simulate', {
      interval: 30,
      expectedArrivals: new Array(16).fill(360),
      agents: new Array(16).fill(55),
      handleSeconds: 240,
      answerSeconds: 15,
      replications: 5,
    });
    expect(sim.status).toBe(200);
    // Erlang C gives 0.8459 for 48 E on 55 agents; a short noisy run lands near it.
    expect(
      Math.abs(((sim.body.overall as { serviceLevel: number }).serviceLevel ?? 0) - 0.8459),
    ).toBeLessThan(0.08);
  });
});
