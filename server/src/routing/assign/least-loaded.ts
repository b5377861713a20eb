import { byLeastLoaded, canTake } from './eligibility.ts';
import type { Strategy } from './types.ts';

/** The agent with the lowest load relative to capacity for this kind of work; ties go to the longest idle. */
export function createLeastLoaded(): Strategy {
  return {
    name: 'least_loaded',
    decide(conversation, context) {
      const eligible = context.agents.filter((agent) => canTake(agent, conversation));
      const best = eligible.sort(byLeastLoaded(conversation.workKind))[0];
      if (!best) return { kind: 'queue', strategy: 'least_loaded', reason: 'no_agent_available' };
      return { kind: 'assign', agentId: best.id, strategy: 'least_loaded', reason: 'lowest load' };
    },
  };
}
