import type { Conversation } from '../api/types.ts';

// A conversation fixture for the web unit tests (SLA, wallboard): an open, unassigned chat.
let serial = 0;
export function testConversation(overrides: Partial<Conversation> = {}): Conversation {
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

export function testSla(overrides: Partial<NonNullable<Conversation['sla']>> = {}): Conversation['sla'] {
  return {
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    resolutionDueAt: null,
    nextDueAt: null,
    isPaused: false,
    isAtRisk: false,
    isBreached: false,
    ...overrides,
  };
}
