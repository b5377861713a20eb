import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './queue.ts';
import { countRoutingViews, inQueueOrder, selectRoutingQueue } from './sla-views.ts';
import { testConversation, testSla } from './test-conversation.ts';

const now = Date.parse('2026-11-24T12:00:00.000Z');
const at = (m: number) => new Date(now + m * 60_000).toISOString();
const context = { myTeamIds: new Set(['team-a']), nowMs: now };

describe('routing views', () => {
  const onTime = testConversation({ teamId: 'team-a', sla: testSla({ nextDueAt: at(50) }) });
  const atRisk = testConversation({ teamId: 'team-b', sla: testSla({ nextDueAt: at(20), isAtRisk: true }) });
  const overdue = testConversation({ teamId: 'team-a', sla: testSla({ nextDueAt: at(-3) }) });
  const resolvedLate = testConversation({
    teamId: 'team-a',
    status: 'resolved',
    sla: testSla({ nextDueAt: at(-60), isBreached: true }),
  });
  const noTeam = testConversation({ priority: 'urgent' });
  const all = [onTime, atRisk, overdue, resolvedLate, noTeam];

  it('lists open conversations of my teams, and open ones at risk or breached, with counts', () => {
    expect(selectRoutingQueue(all, 'my_team', NO_FILTERS, context, 'priority_then_waiting')).toHaveLength(2);
    expect(selectRoutingQueue(all, 'sla_at_risk', NO_FILTERS, context, 'priority_then_waiting')).toEqual([
      overdue,
      atRisk,
    ]);
    expect(countRoutingViews(all, context)).toEqual({ my_team: 2, sla_at_risk: 2 });
  });

  it("counts work not yet routed for its channel's team", () => {
    const unrouted = testConversation({
      channel: { id: 'billing-mail', provider: 'email', name: 'Billing' },
    });
    const teamOf = (c: { teamId: string | null; channel: { id: string } }) =>
      c.teamId ?? (c.channel.id === 'billing-mail' ? 'team-a' : null);
    expect(countRoutingViews([unrouted, noTeam], { ...context, teamOf }).my_team).toBe(1);
  });

  it('applies the filters too', () => {
    const filters = { ...NO_FILTERS, priority: 'urgent' as const };
    expect(selectRoutingQueue(all, 'sla_at_risk', filters, context, 'priority_then_waiting')).toEqual([]);
  });

  it('sorts by the earliest deadline when the account orders its queue SLA due first', () => {
    const later = testConversation({ priority: 'urgent', sla: testSla({ nextDueAt: at(90) }) });
    const sooner = testConversation({ priority: 'low', sla: testSla({ nextDueAt: at(10) }) });
    const none = testConversation({ priority: 'urgent' });
    expect(inQueueOrder([none, later, sooner], 'sla_due_first')).toEqual([sooner, later, none]);
    expect(inQueueOrder([none, later, sooner], 'priority_then_waiting')).toEqual([none, later, sooner]);
  });
});
