// Realtime SLA alerts: compares the previously stored state with the new one and yields each clock's
// 'at_risk' and 'breached' alert once.
import type { EpochMs } from './calendar.ts';
import type { SlaClock, SlaState } from './compute-sla.ts';
import type { SlaMetric } from './policy.ts';

export interface SlaTransition {
  kind: 'at_risk' | 'breached';
  clockId: string;
  metric: SlaMetric;
  dueAt: EpochMs | null;
  at: EpochMs;
}

const hasReachedRisk = (clock: SlaClock | undefined) =>
  clock !== undefined && (clock.isAtRisk || clock.state === 'breached');

/**
 * Alerts to push after recomputing. A clock that went straight from fine to breached yields only
 * 'breached'; a clock already stopped when first seen at risk yields nothing for the risk.
 */
export function slaTransitions(previous: SlaState | null, next: SlaState): SlaTransition[] {
  const before = new Map((previous?.clocks ?? []).map((clock) => [clock.id, clock]));
  const transitions: SlaTransition[] = [];
  for (const clock of next.clocks) {
    const old = before.get(clock.id);
    const alert = { clockId: clock.id, metric: clock.metric, dueAt: clock.dueAt, at: next.computedAt };
    if (clock.state === 'breached' && old?.state !== 'breached') {
      transitions.push({ kind: 'breached', ...alert });
    } else if (clock.isAtRisk && !hasReachedRisk(old)) {
      transitions.push({ kind: 'at_risk', ...alert });
    }
  }
  return transitions;
}
