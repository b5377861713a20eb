import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../priority.ts';
import { isOpen } from './business-time.ts';
import type { BusinessCalendar } from './calendar.ts';
import { computeSla, type SlaState } from './compute-sla.ts';
import { DEFAULT_SLA_POLICY, type SlaSubject } from './policy.ts';
import { calendarArb, instantArb } from './test-arbitraries.ts';
import type { SlaEvent } from './timeline.ts';

const MIN = 60_000;
const RUNS = { numRuns: 120 };

type Step = { gapMinutes: number; event: (at: number) => SlaEvent };

const stepArb: fc.Arbitrary<Step> = fc.record({
  gapMinutes: fc.integer({ min: 0, max: 3 * 1440 }),
  event: fc.oneof(
    fc.constant((at: number): SlaEvent => ({ kind: 'customer_message', at })),
    fc.constant((at: number): SlaEvent => ({ kind: 'agent_reply', at })),
    fc.constant((at: number): SlaEvent => ({ kind: 'reopen', at })),
    fc.constantFrom('open', 'pending', 'snoozed', 'resolved' as const).map(
      (status) =>
        (at: number): SlaEvent => ({ kind: 'status', at, status }),
    ),
    fc.constantFrom<Priority>('urgent', 'high', 'normal', 'low').map(
      (priority) =>
        (at: number): SlaEvent => ({ kind: 'priority', at, priority }),
    ),
  ),
});

const subjectArb: fc.Arbitrary<SlaSubject> = fc.record({
  channel: fc.constantFrom('x', 'facebook', 'messenger', 'email' as const),
  visibility: fc.constantFrom('public', 'private' as const),
  priority: fc.constantFrom<Priority>('urgent', 'high', 'normal', 'low'),
});

const historyArb = fc
  .tuple(instantArb, fc.array(stepArb, { minLength: 1, maxLength: 12 }))
  .map(([start, steps]) => {
    let at = start;
    const events = steps.map((step, index) => {
      if (index > 0) at += step.gapMinutes * MIN;
      return step.event(at);
    });
    // Conversations open with a customer message.
    events[0] = { kind: 'customer_message', at: start };
    return { events, lastAt: at };
  });

function sla(calendar: BusinessCalendar, subject: SlaSubject, events: SlaEvent[], now: number): SlaState {
  return computeSla({
    policy: { ...DEFAULT_SLA_POLICY, calendarId: calendar.id },
    calendar,
    subject,
    events,
    now,
  });
}

/** Due-at of every clock still counting; null (paused) counts as "later than any instant". */
function liveDueAts(state: SlaState): Map<string, number> {
  const result = new Map<string, number>();
  for (const clock of state.clocks) {
    if (clock.stoppedAt === null) result.set(clock.id, clock.dueAt ?? Number.POSITIVE_INFINITY);
  }
  return result;
}

/** Clocks counting towards a known due-at before the new event must not become due earlier after it. */
function expectNoEarlierDueAt(before: SlaState, after: SlaState): void {
  const later = liveDueAts(after);
  for (const [id, dueAt] of liveDueAts(before)) {
    const now = later.get(id);
    if (dueAt !== Number.POSITIVE_INFINITY && now !== undefined) expect(now).toBeGreaterThanOrEqual(dueAt);
  }
}

describe('SLA clocks (property)', () => {
  it('a new customer message never moves a running clock earlier', () => {
    fc.assert(
      fc.property(
        calendarArb,
        subjectArb,
        historyArb,
        fc.integer({ min: 0, max: 2 * 1440 }),
        fc.integer({ min: 0, max: 2 * 1440 }),
        (calendar, subject, { events, lastAt }, messageGap, nowGap) => {
          const messageAt = lastAt + messageGap * MIN;
          const now = messageAt + nowGap * MIN;
          const before = sla(calendar, subject, events, now);
          const after = sla(calendar, subject, [...events, { kind: 'customer_message', at: messageAt }], now);
          expectNoEarlierDueAt(before, after);
        },
      ),
      RUNS,
    );
  });

  it('a pause (pending or snoozed, resumed or not) never moves a running clock earlier', () => {
    fc.assert(
      fc.property(
        calendarArb,
        subjectArb,
        historyArb,
        fc.constantFrom('pending', 'snoozed' as const),
        fc.integer({ min: 0, max: 1440 }),
        fc.option(fc.integer({ min: 0, max: 2 * 1440 })),
        fc.integer({ min: 0, max: 1440 }),
        (calendar, subject, { events, lastAt }, reason, pauseGap, resumeGap, nowGap) => {
          const pauseAt = lastAt + pauseGap * MIN;
          const added: SlaEvent[] = [{ kind: 'status', at: pauseAt, status: reason }];
          if (resumeGap !== null)
            added.push({ kind: 'status', at: pauseAt + resumeGap * MIN, status: 'open' });
          const now = (added.at(-1)?.at ?? pauseAt) + nowGap * MIN;
          expectNoEarlierDueAt(
            sla(calendar, subject, events, now),
            sla(calendar, subject, [...events, ...added], now),
          );
        },
      ),
      RUNS,
    );
  });

  it('due-ats fall on open time or the exact end of an open period; elapsed never beats the wall clock', () => {
    fc.assert(
      fc.property(
        calendarArb,
        subjectArb,
        historyArb,
        fc.integer({ min: 0, max: 3 * 1440 }),
        (calendar, subject, h, gap) => {
          const now = h.lastAt + gap * MIN;
          for (const clock of sla(calendar, subject, h.events, now).clocks) {
            if (clock.dueAt !== null) {
              expect(isOpen(calendar, clock.dueAt) || isOpen(calendar, clock.dueAt - 1)).toBe(true);
            }
            expect(clock.elapsedBusinessMs).toBeLessThanOrEqual((clock.stoppedAt ?? now) - clock.startedAt);
            expect(clock.elapsedBusinessMs + clock.remainingBusinessMs).toBeGreaterThanOrEqual(
              clock.targetMs,
            );
          }
        },
      ),
      RUNS,
    );
  });
});
