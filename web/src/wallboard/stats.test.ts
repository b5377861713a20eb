import { describe, expect, it } from 'vitest';
import type { AgentBoardRow } from '../api/routing.ts';
import type { Channel, Member } from '../api/types.ts';
import { testConversation as conversation, testSla } from '../inbox/test-conversation.ts';
import { computeWallboard, type WallboardInput } from './stats.ts';

const channel = (id: string, name: string, provider = 'api'): Channel => ({
  id,
  provider,
  name,
  settings: {},
  secretsSet: [],
  isActive: true,
  webhookUrl: '',
  createdAt: '2026-11-24T00:00:00.000Z',
});
const member = (id: string, name: string): Member => ({
  id,
  name,
  email: `${id}@example.com`,
  role: 'agent',
  createdAt: '2026-11-24T00:00:00.000Z',
});
const agent = (
  id: string,
  name: string,
  status: 'online' | 'away' | 'offline',
  capacity: Record<string, number>,
): AgentBoardRow => ({
  id,
  name,
  email: `${id}@example.com`,
  role: 'agent',
  presence: { status, setBy: 'agent', changedAt: null, lastActiveAt: null },
  teamIds: [],
  skills: [],
  capacity,
  isDefaultCapacity: false,
  load: {},
});

const now = Date.parse('2026-11-24T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();
const base: WallboardInput = {
  conversations: [],
  agents: null,
  members: [member('u1', 'Alex'), member('u2', 'Bea')],
  channels: [channel('web', 'Website'), channel('x', 'X brand', 'x')],
  teams: [
    { id: 't1', name: 'Billing', memberIds: ['u2'] },
    { id: 't2', name: 'Social', memberIds: [] },
  ],
  channelWorkKinds: new Map(),
  nowMs: now,
};
const bea = { id: 'u2', name: 'Bea' };

describe('computeWallboard', () => {
  it('counts open work per channel, team and priority, unassigned, and the longest wait', () => {
    const stats = computeWallboard({
      ...base,
      conversations: [
        conversation({ waitingSince: minutesAgo(10), teamId: 't1' }),
        conversation({ waitingSince: minutesAgo(60), priority: 'urgent', assignee: bea, teamId: 't1' }),
        conversation({ channel: { id: 'x', provider: 'x', name: 'X brand' }, assignee: bea, isPublic: true }),
        conversation({ status: 'resolved', waitingSince: minutesAgo(600), teamId: 't2' }),
      ],
    });
    const routedByChannel = computeWallboard({
      ...base,
      channelTeamIds: new Map([['x', 't2']]),
      conversations: [conversation({ channel: { id: 'x', provider: 'x', name: 'X brand' } })],
    });
    expect(routedByChannel.byTeam.map((t) => [t.name, t.open])).toEqual([
      ['Social', 1],
      ['Billing', 0],
    ]);
    expect(stats.openTotal).toBe(3);
    expect(stats.unassigned).toBe(1);
    expect(stats.longestWaitMs).toBe(60 * 60 * 1000);
    expect(stats.byChannel.map((c) => [c.name, c.open])).toEqual([
      ['Website', 2],
      ['X brand', 1],
    ]);
    expect(stats.byTeam.map((t) => [t.name, t.open])).toEqual([
      ['Billing', 2],
      ['No team', 1],
      ['Social', 0],
    ]);
    expect(stats.byPriority).toEqual({ urgent: 1, high: 0, normal: 2, low: 0 });
  });

  it('counts SLA at risk and breached among open conversations, including deadlines passed since the last sweep', () => {
    const stats = computeWallboard({
      ...base,
      conversations: [
        conversation({ sla: testSla({ nextDueAt: minutesAgo(-30) }) }),
        conversation({ sla: testSla({ nextDueAt: minutesAgo(-5), isAtRisk: true }) }),
        conversation({ sla: testSla({ nextDueAt: minutesAgo(2), isAtRisk: true }) }),
        conversation({ sla: testSla({ nextDueAt: minutesAgo(20), isBreached: true }) }),
        conversation({ status: 'resolved', sla: testSla({ nextDueAt: minutesAgo(20), isBreached: true }) }),
      ],
    });
    expect([stats.slaAtRisk, stats.slaBreached]).toEqual([1, 2]);
  });

  it("shows each agent's presence and load per kind of work against capacity", () => {
    const stats = computeWallboard({
      ...base,
      agents: [
        agent('u1', 'Alex', 'away', { chat: 3, social: 8 }),
        agent('u2', 'Bea', 'online', { chat: 1, social: 8 }),
      ],
      channelWorkKinds: new Map([['voice', 'call']]),
      conversations: [
        conversation({ assignee: bea }),
        conversation({ assignee: bea, status: 'pending' }),
        conversation({ assignee: bea, isPublic: true }),
        conversation({ assignee: bea, channel: { id: 'voice', provider: 'api', name: 'Phone' } }),
        conversation({ assignee: bea, status: 'snoozed' }),
        conversation({ assignee: bea, status: 'resolved' }),
      ],
    });
    expect(stats.agents.map((a) => [a.name, a.presence, a.open, a.isOverCapacity])).toEqual([
      ['Bea', 'online', 4, true],
      ['Alex', 'away', 0, false],
    ]);
    expect(stats.agents[0]?.kinds).toEqual([
      { kind: 'call', open: 1, capacity: 0 },
      { kind: 'chat', open: 2, capacity: 1 },
      { kind: 'social', open: 1, capacity: 8 },
    ]);
    expect(stats.presenceCounts).toEqual({ online: 1, away: 1, offline: 0 });
  });

  it('lists members as offline until routing has answered', () => {
    const stats = computeWallboard({ ...base, conversations: [conversation({ assignee: bea })] });
    expect(stats.agents.map((a) => [a.name, a.presence, a.open])).toEqual([
      ['Bea', 'offline', 1],
      ['Alex', 'offline', 0],
    ]);
  });

  it('mixes the latest sentiment of conversations the customer wrote in during the last hour', () => {
    const stats = computeWallboard({
      ...base,
      conversations: [
        conversation({
          lastCustomerMessageAt: minutesAgo(5),
          sentimentStart: 'neutral',
          sentimentEnd: 'negative',
        }),
        conversation({
          lastCustomerMessageAt: minutesAgo(59),
          sentimentStart: 'positive',
          sentimentEnd: null,
        }),
        conversation({ lastCustomerMessageAt: minutesAgo(30), status: 'resolved', sentimentEnd: 'positive' }),
        conversation({ lastCustomerMessageAt: minutesAgo(10) }),
        conversation({ lastCustomerMessageAt: minutesAgo(61), sentimentEnd: 'negative' }),
      ],
    });
    expect(stats.sentimentLastHour).toEqual({ positive: 2, neutral: 0, negative: 1, unknown: 1 });
  });

  it('has no longest wait when nobody is waiting', () => {
    expect(computeWallboard(base).longestWaitMs).toBeNull();
  });
});
