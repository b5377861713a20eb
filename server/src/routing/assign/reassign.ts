// When an assigned conversation should go back to routing: its agent went offline (or away, if the
// team says so), or the customer is waiting and the assignee has not replied within the timeout.
import type { EpochMs } from '../sla/calendar.ts';
import type { Presence } from './types.ts';

export interface AssignmentSnapshot {
  assignedAt: EpochMs;
  agentPresence: Presence;
  /** The agent's latest reply in the conversation since it was assigned to them, if any. */
  agentRepliedAt: EpochMs | null;
  /** Since when the customer has been waiting for a reply; null when nobody is waiting (no timeout). */
  customerWaitingSince: EpochMs | null;
}

export interface ReassignPolicy {
  /** Reassign when the assignee has not replied this long after assignment; null disables it. */
  noReplyTimeoutMs: number | null;
  /** Whether an 'away' agent's conversations are reassigned too (offline ones always are). */
  reassignWhenAway: boolean;
}

export type ReassignReason = 'agent_offline' | 'agent_away' | 'no_agent_reply';

export interface ReassignCheck {
  reason: ReassignReason | null;
  /** When to look again if nothing changes (the no-reply timeout), else null. */
  checkAgainAt: EpochMs | null;
}

export function checkReassignment(
  assignment: AssignmentSnapshot,
  policy: ReassignPolicy,
  now: EpochMs,
): ReassignCheck {
  if (assignment.agentPresence === 'offline') return { reason: 'agent_offline', checkAgainAt: null };
  if (assignment.agentPresence === 'away' && policy.reassignWhenAway)
    return { reason: 'agent_away', checkAgainAt: null };
  // Only a first reply counts: once the assignee has answered, the conversation is theirs.
  if (
    policy.noReplyTimeoutMs === null ||
    assignment.agentRepliedAt !== null ||
    assignment.customerWaitingSince === null
  ) {
    return { reason: null, checkAgainAt: null };
  }
  const deadline = assignment.assignedAt + policy.noReplyTimeoutMs;
  return now >= deadline
    ? { reason: 'no_agent_reply', checkAgainAt: null }
    : { reason: null, checkAgainAt: deadline };
}
