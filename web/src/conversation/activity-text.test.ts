import { describe, expect, it } from 'vitest';
import type { Activity } from '../api/desk.ts';
import { describeActivity } from './activity-text.ts';

const entry = (kind: string, data: Record<string, unknown>, actorName: string | null = null): Activity => ({
  id: 1,
  kind,
  actorUserId: null,
  actorName,
  messageId: null,
  data,
  occurredAt: '2026-03-02T09:00:00Z',
});
const nameOf = (id: unknown) => (id === 'u1' ? 'Sam' : 'someone');

describe('activity lines in the timeline', () => {
  it('says who did what', () => {
    expect(describeActivity(entry('conversation.assigned', { from: null, to: 'u1' }, 'Alex'), nameOf)).toBe(
      'Alex assigned it to Sam',
    );
    expect(
      describeActivity(entry('conversation.assigned', { from: 'u1', to: null, reason: 'rule' }), nameOf),
    ).toBe('A rule unassigned it');
    expect(describeActivity(entry('approval.rejected', { reason: 'Tone' }, 'Kim'), nameOf)).toBe(
      'Kim rejected a reply: Tone',
    );
  });
  it('names the rule and what it did', () => {
    const fired = entry('rule.fired', {
      ruleName: 'VIP',
      actions: [
        { type: 'set_priority', result: 'done' },
        { type: 'send_acknowledgement', result: 'skipped' },
      ],
    });
    expect(describeActivity(fired, nameOf)).toBe(
      'Rule “VIP” fired: set priority, send acknowledgement (skipped)',
    );
  });
  it('spells out SLA events with the clock that turned', () => {
    expect(describeActivity(entry('sla.met', { metric: 'first_response' }), nameOf)).toBe(
      'SLA met: first response',
    );
    const due = '2026-03-02T10:00:00Z';
    expect(describeActivity(entry('sla.at_risk', { metric: 'next_response', dueAt: due }), nameOf)).toBe(
      `SLA at risk: next response due ${new Date(due).toLocaleString()}`,
    );
    expect(describeActivity(entry('sla.breached', { metric: 'resolution', dueAt: due }), nameOf)).toBe(
      `SLA breached: resolution was due ${new Date(due).toLocaleString()}`,
    );
  });
  it('leaves messages and notes to their own entries', () => {
    expect(describeActivity(entry('reply.sent', {}), nameOf)).toBeNull();
    expect(describeActivity(entry('note.added', {}), nameOf)).toBeNull();
  });
});
