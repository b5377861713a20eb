import { hasCapacityFor, isOnline } from './eligibility.ts';
import type { Strategy } from './types.ts';

/** A returning customer goes back to the agent who last handled them when that agent can take it. */
export function createSticky(fallback: Strategy): Strategy {
  return {
    name: 'sticky',
    decide(conversation, context) {
      const previous = context.agents.find((agent) => agent.id === conversation.lastAgentId);
      if (previous && isOnline(previous) && hasCapacityFor(previous, conversation.workKind)) {
        return { kind: 'assign', agentId: previous.id, strategy: 'sticky', reason: 'previous agent' };
      }
      const decision = fallback.decide(conversation, context);
      return { ...decision, strategy: `sticky→${decision.strategy}` };
    },
  };
}
