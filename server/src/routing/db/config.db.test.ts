import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/index.ts';
import { type TestDatabase, testEngines } from '../../db/testing.ts';
import { manualClock, startTestServer, type TestServer } from '../../http/testing.ts';
import { sweepQueue } from './sweep.ts';
import { openDesk } from './test-helpers.ts';

describe.each(testEngines())('routing configuration and tenancy (%s)', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('bad configuration is refused with 400, every problem listed, and nothing changes', async () => {
    const desk = await openDesk(server, clock);
    const before = (await desk.api('GET', '/routing/settings')).body;
    const bad = await desk.api('PUT', '/routing/settings/account/current', {
      strategy: { name: 'fastest_fingers' },
      queueOrder: 'random',
      noReplyReassignMinutes: -3,
      colour: 'blue',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['colour', 'noReplyReassignMinutes', 'queueOrder', 'strategy.name'].sort(),
    );
    const overflow = await desk.api('PUT', '/routing/settings/account/current', {
      strategy: { name: 'skills_based', options: { overflow: [{ afterWaitMs: -1, teams: ['not-a-team'] }] } },
    });
    expect(overflow.status).toBe(400);
    expect((await desk.api('GET', '/routing/settings')).body).toEqual(before);

    const calendar = await desk.api('POST', '/routing/calendars', {
      name: 'Broken',
      timeZone: 'Mars/Olympus',
      periods: [
        { weekday: 1, start: '09:00', end: '17:00' },
        { weekday: 1, start: '16:00', end: '18:00' },
        { weekday: 2, start: '25:00', end: '10:00' },
      ],
      holidays: ['2026-02-30'],
    });
    expect(calendar.status).toBe(400);
    expect(calendar.body.error.details.length).toBeGreaterThanOrEqual(4);
    const policy = await desk.api('POST', '/routing/sla-policies', {
      name: 'Broken',
      rules: [
        {
          name: 'r',
          match: { channels: ['myspace'] },
          targets: { firstResponseMs: 0, nextResponseMs: null, resolutionMs: null },
        },
      ],
    });
    expect(policy.status).toBe(400);
    const share = await desk.api('POST', '/routing/sla-policies', {
      name: 'Broken share',
      atRiskShare: 1.5,
      rules: [
        {
          name: 'r',
          match: {},
          targets: { firstResponseMs: 1000, nextResponseMs: null, resolutionMs: null },
        },
      ],
    });
    expect(share.status).toBe(400);
    expect((await desk.api('GET', '/routing/calendars')).body.items).toEqual([]);
    expect((await desk.api('GET', '/routing/sla-policies')).body.items).toEqual([]);
    const agent = await desk.agent();
    expect(
      (
        await desk.api('PUT', `/routing/agents/${agent.userId}/skills`, {
          skills: [{ skill: 'fr', proficiency: 9 }],
        })
      ).status,
    ).toBe(400);
    expect(
      (await desk.api('PUT', `/routing/agents/${agent.userId}/capacity`, { capacity: { 'Bad Kind': 2 } }))
        .status,
    ).toBe(400);
    // Agents set their own presence but not the routing configuration.
    expect(
      (await desk.api('PUT', '/routing/settings/account/current', { autoAssign: false }, agent.cookie))
        .status,
    ).toBe(403);
    expect((await desk.api('PUT', '/routing/presence/me', { status: 'online' }, agent.cookie)).status).toBe(
      200,
    );
    const board = (await desk.api('GET', '/routing/agents')).body.items;
    expect(board.find((a: { id: string }) => a.id === agent.userId)).toMatchObject({
      skills: [],
      isDefaultCapacity: true,
    });
  });

  it('keeps tenants apart: no reads or writes of another account, no cross-account assignment', async () => {
    const a = await openDesk(server, clock);
    const b = await openDesk(server, clock);
    const team = await a.api('POST', '/routing/teams', { name: 'Tier 1' });
    expect(team.status).toBe(201);
    const calendar = await a.api('POST', '/routing/calendars', {
      name: 'Office',
      timeZone: 'Europe/Paris',
      periods: [{ weekday: 1, start: '22:00', end: '02:00' }],
    });
    expect(calendar.status).toBe(201);
    const agentA = await a.agent();
    expect((await b.api('GET', '/routing/teams')).body.items).toEqual([]);
    expect((await b.api('GET', '/routing/calendars')).body.items).toEqual([]);
    expect((await b.api('PUT', `/routing/settings/team/${team.body.id}`, { autoAssign: false })).status).toBe(
      404,
    );
    expect(
      (await b.api('PUT', `/routing/settings/channel/${a.channel.id}`, { autoAssign: false })).status,
    ).toBe(404);
    expect((await b.api('PUT', `/routing/teams/${team.body.id}`, { name: 'Mine' })).status).toBe(404);
    expect(
      (
        await b.api('PUT', `/routing/calendars/${calendar.body.id}`, {
          name: 'x',
          timeZone: 'UTC',
          isAlwaysOpen: true,
        })
      ).status,
    ).toBe(404);
    expect(
      (await b.api('PUT', `/routing/agents/${agentA.userId}/capacity`, { capacity: { chat: 9 } })).status,
    ).toBe(404);
    expect(
      (await b.api('PUT', `/routing/agents/${agentA.userId}/presence`, { status: 'online' })).status,
    ).toBe(404);
    expect((await b.api('POST', '/routing/teams', { name: 'T', memberIds: [agentA.userId] })).status).toBe(
      404,
    );
    expect(
      (
        await b.api('PUT', '/routing/settings/account/current', {
          strategy: {
            name: 'skills_based',
            options: { overflow: [{ afterWaitMs: 0, teams: [team.body.id] }] },
          },
        })
      ).status,
    ).toBe(400);
    // B's agent is online; A has nobody online: A's conversation waits.
    const agentB = await b.agent();
    await b.online(agentB.userId);
    await a.message('tenant-a');
    await a.sweep();
    const [conv] = await a.listAll();
    expect(conv.assignee).toBeNull();
    expect(
      (await b.api('GET', '/routing/agents')).body.items.every(
        (x: { load: Record<string, number> }) => Object.keys(x.load).length === 0,
      ),
    ).toBe(true);
  });

  it.runIf(engine === 'postgres')(
    'never exceeds capacity with many concurrent assigners on PostgreSQL',
    async () => {
      const desk = await openDesk(server, clock);
      await desk.api('PUT', '/routing/settings/account/current', { autoAssign: false });
      const agents: Awaited<ReturnType<typeof desk.agent>>[] = [];
      for (let i = 0; i < 5; i++) {
        const agent = await desk.agent();
        await desk.capacity(agent.userId, { social: 3, chat: 3 });
        await desk.online(agent.userId);
        agents.push(agent);
      }
      for (let i = 0; i < 60; i++) await desk.message(`crowd-${i}`);
      expect((await desk.listAll()).every((c) => c.assignee === null)).toBe(true);
      await desk.api('PUT', '/routing/settings/account/current', { autoAssign: true });
      const options = (server.runtime.ctx.db as TestDatabase).connectOptions;
      const workers = await Promise.all(
        Array.from({ length: 8 }, () => connect({ ...options, poolSize: 3 })),
      );
      try {
        // Eight "processes" sweeping the queue at once, while agents also pull work by hand.
        await Promise.all([
          ...workers.flatMap((w) => [
            sweepQueue(w.kysely, clock(), desk.accountId),
            sweepQueue(w.kysely, clock(), desk.accountId),
          ]),
          ...agents.map((agent) => desk.api('POST', '/routing/next', {}, agent.cookie)),
          ...agents.map((agent) => desk.api('POST', '/routing/next', {}, agent.cookie)),
        ]);
      } finally {
        await Promise.all(workers.map((w) => w.close()));
      }
      const loads = async () => {
        const load = new Map<string, number>();
        for (const c of await desk.listAll())
          if (c.assignee) load.set(c.assignee.id, (load.get(c.assignee.id) ?? 0) + 1);
        return agents.map((agent) => load.get(agent.userId) ?? 0);
      };
      // API messages are private (chat work): 3 each at most, whoever won each race.
      for (const n of await loads()) expect(n).toBeLessThanOrEqual(3);
      // Assigners skip rows another one holds, so a race can leave room unused until the next
      // periodic sweep, which fills every agent exactly to capacity and no further.
      await sweepQueue(server.runtime.ctx.db.kysely, clock(), desk.accountId);
      expect(await loads()).toEqual(agents.map(() => 3));
    },
    // 60 conversations and 26 concurrent assigners: ~13 s alone, more when the machine is shared.
    90_000,
  );
});
