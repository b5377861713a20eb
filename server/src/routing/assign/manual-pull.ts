// Manual pull ("next best conversation" button): the first conversation in queue order that the
// agent may take.
import { type QueueOrderMode, queueComparator } from '../queue-order.ts';
import { canTake, meetsSkills } from './eligibility.ts';
import type { AgentSnapshot, RoutableConversation } from './types.ts';

export interface PullOptions {
  order?: QueueOrderMode;
  /** Require the conversation's skills (default true); supervisors may let agents pull anything. */
  requireSkills?: boolean;
}

export function isEligibleToPull(
  agent: AgentSnapshot,
  conversation: RoutableConversation,
  options: PullOptions = {},
) {
  return (
    canTake(agent, conversation) &&
    (options.requireSkills === false || meetsSkills(agent, conversation.requiredSkills))
  );
}

export function nextBestConversation<T extends RoutableConversation>(
  agent: AgentSnapshot,
  queue: readonly T[],
  options: PullOptions = {},
): T | null {
  const compare = queueComparator(options.order);
  let best: T | null = null;
  for (const conversation of queue) {
    if (!isEligibleToPull(agent, conversation, options)) continue;
    if (best === null || compare(conversation, best) < 0) best = conversation;
  }
  return best;
}
