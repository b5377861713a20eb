// Rules every strategy shares: only online agents with free capacity for the kind of work get new
// conversations, within the conversation's team when it has one.
import type { AgentSnapshot, RoutableConversation, SkillRequirement, WorkKind } from './types.ts';

export const isOnline = (agent: AgentSnapshot) => agent.presence === 'online';

export function hasCapacityFor(agent: AgentSnapshot, kind: WorkKind): boolean {
  return (agent.load[kind] ?? 0) < (agent.capacity[kind] ?? 0);
}

export function isInTeam(agent: AgentSnapshot, teamId: string | null): boolean {
  return teamId === null || agent.teamIds.includes(teamId);
}

export function meetsSkills(agent: AgentSnapshot, requirements: readonly SkillRequirement[]): boolean {
  return requirements.every((r) => (agent.skills[r.skill] ?? 0) >= r.minProficiency);
}

/** Online, free capacity for this kind of work, and in the conversation's team. */
export function canTake(agent: AgentSnapshot, conversation: RoutableConversation): boolean {
  return (
    isOnline(agent) && hasCapacityFor(agent, conversation.workKind) && isInTeam(agent, conversation.teamId)
  );
}

export function loadRatio(agent: AgentSnapshot, kind: WorkKind): number {
  return (agent.load[kind] ?? 0) / (agent.capacity[kind] ?? 0);
}

/** Longest idle first: never assigned, then the oldest last assignment; id breaks ties. */
export function byLongestIdle(a: AgentSnapshot, b: AgentSnapshot): number {
  const idleA = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const idleB = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (idleA !== idleB) return idleA < idleB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Lowest load relative to capacity, then longest idle. */
export function byLeastLoaded(kind: WorkKind): (a: AgentSnapshot, b: AgentSnapshot) => number {
  return (a, b) => loadRatio(a, kind) - loadRatio(b, kind) || byLongestIdle(a, b);
}
