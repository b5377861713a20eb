import { describe, expect, it } from 'vitest';
import { type AssignmentSnapshot, checkReassignment, type ReassignPolicy } from './reassign.ts';
import { T0 } from './test-fixtures.ts';

const MIN = 60_000;
const policy: ReassignPolicy = { noReplyTimeoutMs: 15 * MIN, reassignWhenAway: false };
const waiting: AssignmentSnapshot = {
  assignedAt: T0,
  agentPresence: 'online',
  agentRepliedAt: null,
  customerWaitingSince: T0 - 5 * MIN,
};

describe('checkReassignment', () => {
  it('reassigns when the assignee has not replied within the timeout, and says when to look again', () => {
    expect(checkReassignment(waiting, policy, T0 + 10 * MIN)).toEqual({
      reason: null,
      checkAgainAt: T0 + 15 * MIN,
    });
    expect(checkReassignment(waiting, policy, T0 + 15 * MIN)).toEqual({
      reason: 'no_agent_reply',
      checkAgainAt: null,
    });
  });

  it('keeps the conversation once the agent replied, or when nobody is waiting or the timeout is off', () => {
    const later = T0 + 60 * MIN;
    expect(checkReassignment({ ...waiting, agentRepliedAt: T0 + MIN }, policy, later).reason).toBeNull();
    expect(checkReassignment({ ...waiting, customerWaitingSince: null }, policy, later).reason).toBeNull();
    expect(checkReassignment(waiting, { ...policy, noReplyTimeoutMs: null }, later).reason).toBeNull();
  });

  it('reassigns at once when the agent goes offline, and when away only if the team says so', () => {
    expect(checkReassignment({ ...waiting, agentPresence: 'offline' }, policy, T0).reason).toBe(
      'agent_offline',
    );
    expect(checkReassignment({ ...waiting, agentPresence: 'away' }, policy, T0).reason).toBeNull();
    expect(
      checkReassignment({ ...waiting, agentPresence: 'away' }, { ...policy, reassignWhenAway: true }, T0)
        .reason,
    ).toBe('agent_away');
  });
});
