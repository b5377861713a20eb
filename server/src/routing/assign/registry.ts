// Strategies by name, so a team or channel picks one in its settings ({ name, options }). The registry
// checks every decision: whatever a strategy (built-in or plugged in) returns, no agent is given work
// while not online or past capacity.
import { hasCapacityFor, isOnline } from './eligibility.ts';
import { createLeastLoaded } from './least-loaded.ts';
import { createRoundRobin } from './round-robin.ts';
import { createSkillsBased, type SkillsBasedOptions } from './skills-based.ts';
import { createSticky } from './sticky.ts';
import type { AssignmentDecision, RoutableConversation, RoutingContext, Strategy } from './types.ts';

export interface StrategyConfig {
  name: string;
  options?: Record<string, unknown>;
}

export type StrategyFactory = (options: Record<string, unknown>, registry: StrategyRegistry) => Strategy;

export class UnknownStrategyError extends Error {
  readonly code = 'unknown_assignment_strategy';
}

export class StrategyRegistry {
  private readonly factories = new Map<string, StrategyFactory>();

  register(name: string, factory: StrategyFactory): this {
    this.factories.set(name, factory);
    return this;
  }

  names(): string[] {
    return [...this.factories.keys()].sort();
  }

  create(config: StrategyConfig): Strategy {
    const factory = this.factories.get(config.name);
    if (!factory) {
      throw new UnknownStrategyError(
        `unknown assignment strategy "${config.name}" (known: ${this.names().join(', ')})`,
      );
    }
    return factory(config.options ?? {}, this);
  }
}

export function defaultStrategyRegistry(): StrategyRegistry {
  return new StrategyRegistry()
    .register('round_robin', () => createRoundRobin())
    .register('least_loaded', () => createLeastLoaded())
    .register('skills_based', (options) => createSkillsBased(options as SkillsBasedOptions))
    .register('sticky', (options, registry) =>
      createSticky(
        registry.create((options.fallback as StrategyConfig | undefined) ?? { name: 'least_loaded' }),
      ),
    );
}

/** Runs a strategy and refuses a decision that would overload an agent or wake an absent one. */
export function decideAssignment(
  strategy: Strategy,
  conversation: RoutableConversation,
  context: RoutingContext,
): AssignmentDecision {
  const decision = strategy.decide(conversation, context);
  if (decision.kind === 'queue') return decision;
  const agent = context.agents.find((a) => a.id === decision.agentId);
  if (!agent || !isOnline(agent) || !hasCapacityFor(agent, conversation.workKind)) {
    throw new Error(
      `strategy ${strategy.name} chose agent ${decision.agentId}, who cannot take this conversation`,
    );
  }
  return decision;
}
