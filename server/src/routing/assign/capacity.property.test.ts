import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../priority.ts';
import { canTake } from './eligibility.ts';
import { nextBestConversation } from './manual-pull.ts';
import { defaultStrategyRegistry, type StrategyConfig } from './registry.ts';
import { T0 } from './test-fixtures.ts';
import type { AgentSnapshot, Presence, RoutableConversation } from './types.ts';

const KINDS = ['call', 'chat', 'social'];
const TEAMS = ['care', 'sales'];
const SKILLS = ['french', 'billing', 'vip'];
const CONFIGS: StrategyConfig[] = [
  { name: 'round_robin' },
  { name: 'least_loaded' },
  {
    name: 'skills_based',
    options: { overflow: [{ afterWaitMs: 60_000, teams: 'any', proficiencyDrop: 4 }] },
  },
  { name: 'sticky', options: { fallback: { name: 'round_robin' } } },
  { name: 'sticky', options: { fallback: { name: 'skills_based' } } },
];

const agentArb = (id: string): fc.Arbitrary<AgentSnapshot> =>
  fc.record({
    id: fc.constant(id),
    presence: fc.constantFrom<Presence>('online', 'away', 'offline'),
    teamIds: fc.subarray(TEAMS),
    skills: fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 5 })),
    capacity: fc.record({
      call: fc.integer({ min: 0, max: 1 }),
      chat: fc.integer({ min: 0, max: 3 }),
      social: fc.integer({ min: 0, max: 8 }),
    }),
    load: fc.constant({}),
    lastAssignedAt: fc.constant(null),
  });

const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('arrive' as const),
      seed: fc.nat(),
      config: fc.nat(CONFIGS.length - 1),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('release' as const), seed: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('presence' as const),
      seed: fc.nat(),
      to: fc.constantFrom<Presence>('online', 'away', 'offline'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pull' as const), seed: fc.nat() }) },
);

function newConversation(id: string, seed: number, now: number, agentIds: string[]): RoutableConversation {
  const pick = <T>(list: readonly T[], salt: number) => list[(seed >> salt) % list.length]!;
  return {
    id,
    priority: pick<Priority>(['urgent', 'high', 'normal', 'low'], 1),
    waitingSince: now - ((seed >> 3) % 5) * 30_000,
    slaDueAt: null,
    workKind: pick(KINDS, 2),
    teamId: pick([...TEAMS, null], 4),
    requiredSkills: seed % 3 === 0 ? [{ skill: pick(SKILLS, 5), minProficiency: 1 + ((seed >> 6) % 5) }] : [],
    lastAgentId: seed % 2 === 0 ? pick(agentIds, 7) : null,
  };
}

describe('capacity (property)', () => {
  it('no sequence of assignments, releases, presence changes and pulls puts an agent past capacity', () => {
    const registry = defaultStrategyRegistry();
    fc.assert(
      fc.property(
        fc.tuple(...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map(agentArb)),
        fc.array(opArb, { minLength: 50, maxLength: 300 }),
        (initialAgents, ops) => {
          const agents = initialAgents.map((a) => ({ ...a, load: {} as Record<string, number> }));
          const cursors: Record<string, string> = {};
          const assigned: { agent: AgentSnapshot; kind: string }[] = [];
          const queue: RoutableConversation[] = [];
          let now = T0;
          const give = (agent: AgentSnapshot, conversation: RoutableConversation) => {
            expect(agent.presence).toBe('online');
            agent.load[conversation.workKind] = (agent.load[conversation.workKind] ?? 0) + 1;
            agent.lastAssignedAt = now;
            assigned.push({ agent, kind: conversation.workKind });
          };
          ops.forEach((op, index) => {
            now += 10_000;
            if (op.op === 'arrive') {
              const conversation = newConversation(
                `c${index}`,
                op.seed,
                now,
                agents.map((a) => a.id),
              );
              const config = CONFIGS[op.config]!;
              const decision = registry
                .create(config)
                .decide(conversation, { agents, now, roundRobinCursors: cursors });
              if (decision.kind === 'assign') {
                give(agents.find((a) => a.id === decision.agentId)!, conversation);
                if (decision.cursor) cursors[decision.cursor.key] = decision.cursor.agentId;
              } else {
                queue.push(conversation);
                // Simple strategies queue only when nobody at all could take the conversation.
                if (config.name === 'round_robin' || config.name === 'least_loaded') {
                  expect(agents.some((a) => canTake(a, conversation))).toBe(false);
                }
              }
            } else if (op.op === 'release' && assigned.length > 0) {
              const [done] = assigned.splice(op.seed % assigned.length, 1);
              done!.agent.load[done!.kind]! -= 1;
            } else if (op.op === 'presence') {
              agents[op.seed % agents.length]!.presence = op.to;
            } else if (op.op === 'pull') {
              const agent = agents[op.seed % agents.length]!;
              const next = nextBestConversation(agent, queue);
              if (next) {
                queue.splice(queue.indexOf(next), 1);
                give(agent, next);
              }
            }
            for (const agent of agents) {
              for (const kind of KINDS)
                expect(agent.load[kind] ?? 0).toBeLessThanOrEqual(agent.capacity[kind] ?? 0);
            }
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});
