import { describe, expect, it } from 'vitest';
import { alwaysOpenCalendar } from './calendar.ts';
import { computeSla, type SlaState } from './compute-sla.ts';
import { DEFAULT_SLA_POLICY } from './policy.ts';
import type { SlaEvent } from './timeline.ts';
import { type SlaTransition, slaTransitions } from './transitions.ts';

const MIN = 60_000;
const start = Date.parse('2026-11-23T09:00:00Z');
const subject = { channel: 'x' as const, visibility: 'public' as const, priority: 'normal' as const };

function stateAt(events: SlaEvent[], now: number): SlaState {
  return computeSla({ policy: DEFAULT_SLA_POLICY, calendar: alwaysOpenCalendar(), subject, events, now });
}

/** Recomputes every minute, as a worker would, storing each state as the next "previous". */
function sweep(events: SlaEvent[], minutes: number): SlaTransition[] {
  let previous: SlaState | null = null;
  const fired: SlaTransition[] = [];
  for (let minute = 0; minute <= minutes; minute++) {
    const next = stateAt(events, start + minute * MIN);
    fired.push(...slaTransitions(previous, next));
    previous = next;
  }
  return fired;
}

describe('slaTransitions', () => {
  it('fires at_risk then breached once per clock over repeated recomputation', () => {
    const fired = sweep([{ kind: 'customer_message', at: start }], 26 * 60);
    const summary = fired.map((t) => `${t.kind} ${t.clockId} +${(t.at - start) / MIN}m`);
    // First response: 60 min target (risk at 45); resolution: 24 h (risk at 18 h).
    expect(summary).toEqual([
      'at_risk first_response +45m',
      'breached first_response +61m',
      'at_risk resolution +1080m',
      'breached resolution +1441m',
    ]);
  });

  it('fires nothing for a clock answered in time', () => {
    const events: SlaEvent[] = [
      { kind: 'customer_message', at: start },
      { kind: 'agent_reply', at: start + 20 * MIN },
    ];
    expect(sweep(events, 120).filter((t) => t.clockId === 'first_response')).toEqual([]);
  });

  it('reports only the breach when a clock skipped the at-risk window between computations', () => {
    const events: SlaEvent[] = [{ kind: 'customer_message', at: start }];
    const fired = slaTransitions(stateAt(events, start + 10 * MIN), stateAt(events, start + 90 * MIN));
    expect(fired.map((t) => t.kind)).toEqual(['breached']);
    expect(fired[0]).toMatchObject({ clockId: 'first_response', dueAt: start + 60 * MIN });
  });

  it('does not refire while a clock stays at risk across a pause', () => {
    const events: SlaEvent[] = [
      { kind: 'customer_message', at: start },
      { kind: 'status', at: start + 50 * MIN, status: 'snoozed' },
      { kind: 'status', at: start + 200 * MIN, status: 'open' },
    ];
    const firstResponse = sweep(events, 230).filter((t) => t.clockId === 'first_response');
    expect(firstResponse.map((t) => `${t.kind} +${(t.at - start) / MIN}m`)).toEqual([
      'at_risk +45m',
      'breached +211m',
    ]);
  });

  it('fires for clocks already at risk on the first computation', () => {
    const events: SlaEvent[] = [{ kind: 'customer_message', at: start }];
    expect(slaTransitions(null, stateAt(events, start + 50 * MIN)).map((t) => t.kind)).toEqual(['at_risk']);
  });
});
