// SLA state of a conversation at `now`: each clock's target, business-time due-at, pauses, state and
// at-risk flag, plus attainment records for analytics. Recomputed from the full event history on
// every event, so the stored deadlines are always derived, never patched.
import type { Priority } from '../priority.ts';
import { addBusinessTime, businessTimeBetween, isOpen } from './business-time.ts';
import type { BusinessCalendar, EpochMs } from './calendar.ts';
import { resolveTargets, type SlaMetric, type SlaPolicy, type SlaSubject, targetFor } from './policy.ts';
import { type ClockTimeline, type PausedInterval, replayEvents, type SlaEvent } from './timeline.ts';

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaClock {
  id: string;
  metric: SlaMetric;
  targetMs: number;
  startedAt: EpochMs;
  /**
   * When the business time spent reaches (or reached) the target. Null while paused by status before
   * that, and for a clock stopped during a pause.
   */
  dueAt: EpochMs | null;
  /** When the business time spent reaches atRiskShare × target; null while unknown. */
  atRiskAt: EpochMs | null;
  state: ClockState;
  pauseReason: 'pending' | 'snoozed' | 'outside_business_hours' | null;
  pausedIntervals: PausedInterval[];
  elapsedBusinessMs: number;
  remainingBusinessMs: number;
  isAtRisk: boolean;
  stoppedAt: EpochMs | null;
  stoppedBy: 'agent_reply' | 'resolved' | null;
}

export interface SlaAttainment {
  clockId: string;
  metric: SlaMetric;
  outcome: 'met' | 'breached';
  targetMs: number;
  startedAt: EpochMs;
  /** Null for a clock that breached and is still running. */
  stoppedAt: EpochMs | null;
  stoppedBy: 'agent_reply' | 'resolved' | null;
  businessMs: number;
  wallClockMs: number;
}

export interface SlaState {
  computedAt: EpochMs;
  policyId: string;
  ruleName: string | null;
  priority: Priority;
  clocks: SlaClock[];
  /** Due-at of the live clock of each metric (null when none is running), for the conversation row. */
  firstResponseDueAt: EpochMs | null;
  nextResponseDueAt: EpochMs | null;
  resolutionDueAt: EpochMs | null;
  /** Earliest due-at among live clocks, for "SLA due first" queue order. */
  nextDueAt: EpochMs | null;
  /** Earliest future instant at which a clock turns at risk or breached with no new event. */
  nextCheckAt: EpochMs | null;
  attainment: SlaAttainment[];
}

export interface SlaInput {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** Channel, visibility and the priority before any priority event. */
  subject: SlaSubject;
  events: readonly SlaEvent[];
  now: EpochMs;
}

interface Walk {
  elapsed: number;
  dueAt: EpochMs | null;
  atRiskAt: EpochMs | null;
}

/** Business time spent over the running spans, and the instants the thresholds are crossed. */
function walkSpans(
  calendar: BusinessCalendar,
  timeline: ClockTimeline,
  target: number,
  risk: number,
  now: EpochMs,
): Walk {
  let elapsed = 0;
  let dueAt: EpochMs | null = null;
  let atRiskAt: EpochMs | null = null;
  const last = timeline.runningSpans.at(-1);
  for (const span of timeline.runningSpans) {
    // A live span continues past `now`, so its crossings are projected even if not reached yet; a
    // clock stopped while running keeps the due-at it had when it stopped.
    const isLive = span.end === null || (span === last && span.end === timeline.stoppedAt);
    const spent = businessTimeBetween(calendar, span.start, span.end ?? now);
    if (atRiskAt === null && (isLive || elapsed + spent >= risk)) {
      atRiskAt = addBusinessTime(calendar, span.start, Math.max(0, risk - elapsed));
    }
    if (dueAt === null && (isLive || elapsed + spent >= target)) {
      dueAt = addBusinessTime(calendar, span.start, Math.max(0, target - elapsed));
    }
    elapsed += spent;
  }
  return { elapsed, dueAt, atRiskAt };
}

function evaluateClock(input: SlaInput, timeline: ClockTimeline, priority: Priority): SlaClock | null {
  const { policy, calendar, subject, now } = input;
  const targets = resolveTargets(policy, { ...subject, priority: timeline.priorityAtStop ?? priority });
  const target = targetFor(targets, timeline.metric);
  if (target === null) return null;
  const risk = Math.round(target * policy.atRiskShare);
  const { elapsed, dueAt, atRiskAt } = walkSpans(calendar, timeline, target, risk, now);
  const end = timeline.stoppedAt ?? now;
  const hasBreached = dueAt !== null && end > dueAt;
  const isStopped = timeline.stoppedAt !== null;
  let state: ClockState;
  let pauseReason: SlaClock['pauseReason'] = null;
  if (hasBreached) state = 'breached';
  else if (isStopped) state = 'met';
  else {
    const pause = timeline.pausedIntervals.at(-1);
    if (pause && pause.end === null) pauseReason = pause.reason;
    else if (!isOpen(calendar, now)) pauseReason = 'outside_business_hours';
    state = pauseReason ? 'paused' : 'running';
  }
  return {
    id: timeline.id,
    metric: timeline.metric,
    targetMs: target,
    startedAt: timeline.startedAt,
    dueAt,
    atRiskAt,
    state,
    pauseReason,
    pausedIntervals: timeline.pausedIntervals.map((p) => ({ ...p })),
    elapsedBusinessMs: elapsed,
    remainingBusinessMs: Math.max(0, target - elapsed),
    isAtRisk: !isStopped && !hasBreached && elapsed >= risk,
    stoppedAt: timeline.stoppedAt,
    stoppedBy: timeline.stoppedBy,
  };
}

function attainmentOf(clock: SlaClock, now: EpochMs): SlaAttainment | null {
  if (clock.state !== 'met' && clock.state !== 'breached') return null;
  return {
    clockId: clock.id,
    metric: clock.metric,
    outcome: clock.state,
    targetMs: clock.targetMs,
    startedAt: clock.startedAt,
    stoppedAt: clock.stoppedAt,
    stoppedBy: clock.stoppedBy,
    businessMs: clock.elapsedBusinessMs,
    wallClockMs: (clock.stoppedAt ?? now) - clock.startedAt,
  };
}

const isLive = (clock: SlaClock) => clock.stoppedAt === null;

export function computeSla(input: SlaInput): SlaState {
  const replay = replayEvents(input.events, input.subject.priority, input.now);
  const clocks = replay.clocks
    .map((timeline) => evaluateClock(input, timeline, replay.priority))
    .filter((clock): clock is SlaClock => clock !== null);
  const liveDueAt = (metric: SlaMetric) =>
    clocks.find((clock) => clock.metric === metric && isLive(clock))?.dueAt ?? null;
  const liveDueAts = clocks.filter(isLive).flatMap((clock) => (clock.dueAt === null ? [] : [clock.dueAt]));
  const upcoming: EpochMs[] = [];
  for (const clock of clocks) {
    if (!isLive(clock) || clock.state === 'breached') continue;
    if (!clock.isAtRisk && clock.atRiskAt !== null && clock.atRiskAt >= input.now)
      upcoming.push(clock.atRiskAt);
    // Breached means strictly past the due-at.
    if (clock.dueAt !== null) upcoming.push(clock.dueAt + 1);
  }
  const targets = resolveTargets(input.policy, { ...input.subject, priority: replay.priority });
  return {
    computedAt: input.now,
    policyId: input.policy.id,
    ruleName: targets.ruleName,
    priority: replay.priority,
    clocks,
    firstResponseDueAt: liveDueAt('first_response'),
    nextResponseDueAt: liveDueAt('next_response'),
    resolutionDueAt: liveDueAt('resolution'),
    nextDueAt: liveDueAts.length > 0 ? Math.min(...liveDueAts) : null,
    nextCheckAt: upcoming.length > 0 ? Math.min(...upcoming) : null,
    attainment: clocks.flatMap((clock) => attainmentOf(clock, input.now) ?? []),
  };
}
