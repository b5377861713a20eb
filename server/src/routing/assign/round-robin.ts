import { canTake } from './eligibility.ts';
import type { AgentSnapshot, Strategy } from './types.ts';

/** Takes turns through the team's agents in id order, skipping those who cannot take the work. */
export function createRoundRobin(): Strategy {
  return {
    name: 'round_robin',
    decide(conversation, context) {
      const key = conversation.teamId ?? '*';
      const eligible = context.agents.filter((agent) => canTake(agent, conversation));
      if (eligible.length === 0)
        return { kind: 'queue', strategy: 'round_robin', reason: 'no_agent_available' };
      const byId = [...eligible].sort((a, b) => (a.id < b.id ? -1 : 1));
      const cursor = context.roundRobinCursors[key];
      const next: AgentSnapshot =
        (cursor !== undefined && byId.find((agent) => agent.id > cursor)) || byId[0]!;
      return {
        kind: 'assign',
        agentId: next.id,
        strategy: 'round_robin',
        reason: 'next in turn',
        cursor: { key, agentId: next.id },
      };
    },
  };
}
