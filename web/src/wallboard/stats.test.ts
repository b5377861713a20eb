import { describe, expect, it } from 'vitest';
import type { Channel, Conversation, Member } from '../api/types.ts';
import { computeWallboard } from './stats.ts';

const channel = (id: string, name: string): Channel => ({
  id,
  provider: 'api',
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
let serial = 0;
function conversation(overrides: Partial<Conversation>): Conversation {
  serial += 1;
  return {
    id: `c${serial}`,
    status: 'open',
    priority: 'normal',
    priorityScore: 0,
    isPublic: false,
    subject: null,
    snippet: '',
    channel: { id: 'web', provider: 'api', name: 'Website' },
    contact: { id: 'ct', name: null, handle: null, followerCount: null, isVerified: false, isVip: false },
    assignee: null,
    teamId: null,
    waitingSince: null,
    firstResponseAt: null,
    lastCustomerMessageAt: null,
    lastAgentReplyAt: null,
    lastMessageAt: '2026-11-24T00:00:00.000Z',
    resolvedAt: null,
    reopenCount: 0,
    messageCount: 1,
    createdAt: '2026-11-24T00:00:00.000Z',
    ...overrides,
  };
}

describe('computeWallboard', () => {
  const now = Date.parse('2026-11-24T12:00:00.000Z');
  const users = [member('u1', 'Alex'), member('u2', 'Bea')];
  const channels = [channel('web', 'Website'), channel('x', 'X brand')];

  it('counts open work per channel, priority and agent, and the longest wait', () => {
    const stats = computeWallboard(
      [
        conversation({ waitingSince: '2026-11-24T11:50:00.000Z' }),
        conversation({
          waitingSince: '2026-11-24T11:00:00.000Z',
          priority: 'urgent',
          assignee: { id: 'u2', name: 'Bea' },
        }),
        conversation({
          channel: { id: 'x', provider: 'x', name: 'X brand' },
          assignee: { id: 'u2', name: 'Bea' },
        }),
        conversation({ status: 'resolved', waitingSince: '2026-11-24T01:00:00.000Z' }),
      ],
      users,
      channels,
      now,
    );
    expect(stats.openTotal).toBe(3);
    expect(stats.unassigned).toBe(1);
    expect(stats.longestWaitMs).toBe(60 * 60 * 1000);
    expect(stats.byChannel.map((c) => [c.name, c.open])).toEqual([
      ['Website', 2],
      ['X brand', 1],
    ]);
    expect(stats.byPriority).toEqual({ urgent: 1, high: 0, normal: 2, low: 0 });
    expect(stats.agents.map((a) => [a.name, a.open])).toEqual([
      ['Bea', 2],
      ['Alex', 0],
    ]);
  });

  it('has no longest wait when nobody is waiting', () => {
    expect(computeWallboard([], users, channels, now).longestWaitMs).toBeNull();
  });
});
