// The snapshot a strategy decides over. Strategies are pure: the caller loads the snapshot (inside
// the transaction that locks the agents' rows) and applies the decision.
import type { QueueItem } from '../queue-order.ts';
import type { EpochMs } from '../sla/calendar.ts';

export type Presence = 'online' | 'away' | 'offline';

/** Kind of work for capacity, e.g. 'call' (1 at a time), 'chat' (3), 'social' (8). */
export type WorkKind = string;

export interface AgentSnapshot {
  id: string;
  presence: Presence;
  teamIds: string[];
  /** Skill name → proficiency from 1 (basic) to 5 (expert). */
  skills: Record<string, number>;
  /** Maximum open conversations per kind of work; a missing kind means none. */
  capacity: Record<WorkKind, number>;
  /** Open conversations currently assigned, per kind of work. */
  load: Record<WorkKind, number>;
  lastAssignedAt: EpochMs | null;
}

export interface SkillRequirement {
  skill: string;
  minProficiency: number;
}

export interface RoutableConversation extends QueueItem {
  workKind: WorkKind;
  requiredSkills: SkillRequirement[];
  teamId: string | null;
  /** The agent who last handled this customer, for sticky routing. */
  lastAgentId: string | null;
}

export interface RoutingContext {
  agents: readonly AgentSnapshot[];
  now: EpochMs;
  /** Round-robin cursors: team id (or '*' for no team) → the agent assigned last. */
  roundRobinCursors: Readonly<Record<string, string>>;
}

export type QueueReason = 'no_agent_available' | 'no_skilled_agent_available';

export type AssignmentDecision =
  | {
      kind: 'assign';
      agentId: string;
      strategy: string;
      /** Why this agent, for the activity log (e.g. 'least_loaded', 'overflow stage 1'). */
      reason: string;
      /** Round-robin cursor to store with the assignment. */
      cursor?: { key: string; agentId: string };
    }
  | { kind: 'queue'; strategy: string; reason: QueueReason };

export interface Strategy {
  readonly name: string;
  decide(conversation: RoutableConversation, context: RoutingContext): AssignmentDecision;
}
