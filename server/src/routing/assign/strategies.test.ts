import { describe, expect, it } from 'vitest';
import { createLeastLoaded } from './least-loaded.ts';
import { decideAssignment, defaultStrategyRegistry, UnknownStrategyError } from './registry.ts';
import { createRoundRobin } from './round-robin.ts';
import { createSkillsBased } from './skills-based.ts';
import { createSticky } from './sticky.ts';
import { agent, context, conversation, T0 } from './test-fixtures.ts';
import type { AssignmentDecision, Strategy } from './types.ts';

const MIN = 60_000;
const chosen = (decision: AssignmentDecision) =>
  decision.kind === 'assign' ? decision.agentId : decision.reason;

describe('round robin', () => {
  const strategy = createRoundRobin();

  it('takes turns per team, wrapping around and skipping agents who cannot take work', () => {
    const agents = [
      agent('a'),
      agent('b', { presence: 'away' }),
      agent('c'),
      agent('d', { teamIds: ['sales'] }),
    ];
    const picks: string[] = [];
    const cursors: Record<string, string> = {};
    for (let i = 0; i < 4; i++) {
      const decision = strategy.decide(conversation(`c${i}`), context(agents, T0, cursors));
      if (decision.kind !== 'assign' || !decision.cursor) throw new Error('expected an assignment');
      cursors[decision.cursor.key] = decision.cursor.agentId;
      picks.push(decision.agentId);
    }
    expect(picks).toEqual(['a', 'c', 'a', 'c']);
    expect(cursors).toEqual({ care: 'c' });
  });

  it('keeps a separate cursor per team and queues when nobody can take it', () => {
    const agents = [agent('a', { teamIds: ['care', 'sales'] }), agent('b', { teamIds: ['sales'] })];
    const decision = strategy.decide(
      conversation('x', { teamId: 'sales' }),
      context(agents, T0, { care: 'a', sales: 'a' }),
    );
    expect(decision).toMatchObject({ agentId: 'b', cursor: { key: 'sales', agentId: 'b' } });
    const full = [agent('a', { capacity: { social: 1 }, load: { social: 1 } })];
    expect(strategy.decide(conversation('y'), context(full))).toEqual({
      kind: 'queue',
      strategy: 'round_robin',
      reason: 'no_agent_available',
    });
  });
});

describe('least loaded', () => {
  const strategy = createLeastLoaded();

  it('picks the lowest load relative to capacity for the kind of work', () => {
    const agents = [
      agent('a', { capacity: { chat: 3 }, load: { chat: 1 } }), // 0.33
      agent('b', { capacity: { chat: 6 }, load: { chat: 1 } }), // 0.17
      agent('c', { capacity: { chat: 2 }, load: { chat: 0 }, presence: 'offline' }),
    ];
    expect(chosen(strategy.decide(conversation('x', { workKind: 'chat' }), context(agents)))).toBe('b');
  });

  it('breaks ties by longest idle', () => {
    const agents = [
      agent('a', { lastAssignedAt: T0 - 5 * MIN }),
      agent('b', { lastAssignedAt: T0 - 50 * MIN }),
      agent('c', { lastAssignedAt: T0 - MIN }),
    ];
    expect(chosen(strategy.decide(conversation('x'), context(agents)))).toBe('b');
    expect(chosen(strategy.decide(conversation('x'), context([...agents, agent('z')])))).toBe('z');
  });

  it('never uses an agent without capacity for that kind', () => {
    const agents = [agent('a', { capacity: { chat: 3 } })];
    expect(chosen(strategy.decide(conversation('x', { workKind: 'call' }), context(agents)))).toBe(
      'no_agent_available',
    );
  });
});

describe('skills-based with overflow', () => {
  const strategy = createSkillsBased({
    overflow: [
      { afterWaitMs: 5 * MIN, proficiencyDrop: 2 },
      { afterWaitMs: 15 * MIN, teams: 'any', ignoreSkills: true },
    ],
  });
  const agents = [
    agent('fr-expert', { skills: { french: 5, billing: 4 }, load: { social: 7 } }),
    agent('fr-good', { skills: { french: 4, billing: 4 } }),
    agent('fr-basic', { skills: { french: 2, billing: 3 } }),
    agent('sales', { teamIds: ['sales'], skills: {} }),
  ];
  const needs = (minProficiency: number) => [
    { skill: 'french', minProficiency },
    { skill: 'billing', minProficiency: 3 },
  ];

  it('prefers the most proficient available agent, then the least loaded', () => {
    expect(chosen(strategy.decide(conversation('x', { requiredSkills: needs(4) }), context(agents)))).toBe(
      'fr-expert',
    );
    const tie = [
      agent('p', { skills: { french: 4 }, load: { social: 4 } }),
      agent('q', { skills: { french: 4 } }),
    ];
    expect(
      chosen(
        strategy.decide(
          conversation('x', { requiredSkills: [{ skill: 'french', minProficiency: 1 }] }),
          context(tie),
        ),
      ),
    ).toBe('q');
  });

  it('waits for a skilled agent, then widens the group stage by stage', () => {
    const busy = agents.map((a) =>
      a.id.startsWith('fr-e') || a.id === 'fr-good' ? { ...a, presence: 'away' as const } : a,
    );
    const x = conversation('x', { requiredSkills: needs(4) });
    expect(strategy.decide(x, context(busy, T0 + 4 * MIN))).toMatchObject({
      kind: 'queue',
      reason: 'no_skilled_agent_available',
    });
    expect(strategy.decide(x, context(busy, T0 + 5 * MIN))).toMatchObject({
      agentId: 'fr-basic',
      reason: 'overflow stage 1',
    });
    const noFrench = busy.filter((a) => a.id !== 'fr-basic');
    expect(strategy.decide(x, context(noFrench, T0 + 14 * MIN)).kind).toBe('queue');
    expect(strategy.decide(x, context(noFrench, T0 + 15 * MIN))).toMatchObject({
      agentId: 'sales',
      reason: 'overflow stage 2',
    });
  });
});

describe('sticky', () => {
  const strategy = createSticky(createLeastLoaded());

  it('returns a customer to the previous agent when online with capacity, else falls back', () => {
    const agents = [agent('a', { load: { social: 5 } }), agent('b')];
    expect(strategy.decide(conversation('x', { lastAgentId: 'a' }), context(agents))).toMatchObject({
      agentId: 'a',
      strategy: 'sticky',
    });
    const away = [agent('a', { presence: 'away' }), agent('b')];
    expect(strategy.decide(conversation('x', { lastAgentId: 'a' }), context(away))).toMatchObject({
      agentId: 'b',
      strategy: 'sticky→least_loaded',
    });
    const full = [agent('a', { load: { social: 8 } }), agent('b')];
    expect(chosen(strategy.decide(conversation('x', { lastAgentId: 'a' }), context(full)))).toBe('b');
  });
});

describe('registry', () => {
  it('builds strategies by name, with options and a configured fallback', () => {
    const registry = defaultStrategyRegistry();
    expect(registry.names()).toEqual(['least_loaded', 'round_robin', 'skills_based', 'sticky']);
    const sticky = registry.create({ name: 'sticky', options: { fallback: { name: 'round_robin' } } });
    expect(sticky.decide(conversation('x', { lastAgentId: 'gone' }), context([agent('a')]))).toMatchObject({
      strategy: 'sticky→round_robin',
    });
    expect(() => registry.create({ name: 'random' })).toThrow(UnknownStrategyError);
  });

  it('refuses a plugged-in strategy that overloads an agent or picks an absent one', () => {
    const greedy: Strategy = {
      name: 'greedy',
      decide: () => ({ kind: 'assign', agentId: 'a', strategy: 'greedy', reason: '' }),
    };
    const registry = defaultStrategyRegistry().register('greedy', () => greedy);
    const strategy = registry.create({ name: 'greedy' });
    expect(decideAssignment(strategy, conversation('x'), context([agent('a')]))).toMatchObject({
      agentId: 'a',
    });
    expect(() =>
      decideAssignment(strategy, conversation('x'), context([agent('a', { load: { social: 8 } })])),
    ).toThrow(/cannot take/);
    expect(() =>
      decideAssignment(strategy, conversation('x'), context([agent('a', { presence: 'offline' })])),
    ).toThrow(/cannot take/);
  });
});
