// Small builders for the assignment tests (imported only by *.test.ts files).
import type { AgentSnapshot, RoutableConversation, RoutingContext } from './types.ts';

export const T0 = Date.parse('2026-11-23T09:00:00Z');

export function agent(id: string, overrides: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    id,
    presence: 'online',
    teamIds: ['care'],
    skills: {},
    capacity: { call: 1, chat: 3, social: 8 },
    load: {},
    lastAssignedAt: null,
    ...overrides,
  };
}

export function conversation(
  id: string,
  overrides: Partial<RoutableConversation> = {},
): RoutableConversation {
  return {
    id,
    priority: 'normal',
    waitingSince: T0,
    slaDueAt: null,
    workKind: 'social',
    requiredSkills: [],
    teamId: 'care',
    lastAgentId: null,
    ...overrides,
  };
}

export function context(
  agents: AgentSnapshot[],
  now = T0,
  roundRobinCursors: Record<string, string> = {},
): RoutingContext {
  return { agents, now, roundRobinCursors };
}
