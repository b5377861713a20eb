// Replays a conversation's events into clock timelines: when each SLA clock started, the spans it
// was running (status not pending/snoozed) and when it stopped. Business hours are applied later.
import type { Priority } from '../priority.ts';
import type { EpochMs } from './calendar.ts';
import type { SlaMetric } from './policy.ts';

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type PauseReason = 'pending' | 'snoozed';

export type SlaEvent =
  | { kind: 'customer_message'; at: EpochMs }
  | { kind: 'agent_reply'; at: EpochMs }
  /** A status change; 'open' after 'resolved' is a reopen. */
  | { kind: 'status'; at: EpochMs; status: ConversationStatus }
  /** Same as a status change to 'open'. */
  | { kind: 'reopen'; at: EpochMs }
  | { kind: 'priority'; at: EpochMs; priority: Priority };

export interface PausedInterval {
  start: EpochMs;
  end: EpochMs | null;
  reason: PauseReason;
}

export interface ClockTimeline {
  id: string;
  metric: SlaMetric;
  startedAt: EpochMs;
  /** Spans during which the clock counts (business hours still apply); the last may be open. */
  runningSpans: { start: EpochMs; end: EpochMs | null }[];
  pausedIntervals: PausedInterval[];
  stoppedAt: EpochMs | null;
  stoppedBy: 'agent_reply' | 'resolved' | null;
  /** Priority when the clock stopped; running clocks use the conversation's current priority. */
  priorityAtStop: Priority | null;
}

export interface Replay {
  status: ConversationStatus;
  priority: Priority;
  clocks: ClockTimeline[];
}

const isPausedStatus = (status: ConversationStatus): status is PauseReason =>
  status === 'pending' || status === 'snoozed';

function openClock(metric: SlaMetric, id: string, at: EpochMs, status: ConversationStatus): ClockTimeline {
  const clock: ClockTimeline = {
    id,
    metric,
    startedAt: at,
    runningSpans: [],
    pausedIntervals: [],
    stoppedAt: null,
    stoppedBy: null,
    priorityAtStop: null,
  };
  resume(clock, at, status);
  return clock;
}

function resume(clock: ClockTimeline, at: EpochMs, status: ConversationStatus): void {
  if (isPausedStatus(status)) clock.pausedIntervals.push({ start: at, end: null, reason: status });
  else clock.runningSpans.push({ start: at, end: null });
}

function closeOpenParts(clock: ClockTimeline, at: EpochMs): void {
  const span = clock.runningSpans.at(-1);
  if (span && span.end === null) span.end = at;
  const pause = clock.pausedIntervals.at(-1);
  if (pause && pause.end === null) pause.end = at;
}

function stop(clock: ClockTimeline, at: EpochMs, by: 'agent_reply' | 'resolved', priority: Priority): void {
  closeOpenParts(clock, at);
  clock.stoppedAt = at;
  clock.stoppedBy = by;
  clock.priorityAtStop = priority;
}

function uniqueId(base: string, clocks: ClockTimeline[]): string {
  let id = base;
  for (let n = 2; clocks.some((clock) => clock.id === id); n++) id = `${base}#${n}`;
  return id;
}

/** Events after `now` are ignored; events at the same instant keep their given order. */
export function replayEvents(events: readonly SlaEvent[], initialPriority: Priority, now: EpochMs): Replay {
  const ordered = events.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  let status: ConversationStatus = 'open';
  let priority = initialPriority;
  const clocks: ClockTimeline[] = [];
  let firstResponse: ClockTimeline | null = null;
  let resolution: ClockTimeline | null = null;
  let nextResponse: ClockTimeline | null = null;
  const running = () => clocks.filter((clock) => clock.stoppedAt === null);

  const changeStatus = (to: ConversationStatus, at: EpochMs) => {
    if (to === status) return;
    const from = status;
    status = to;
    if (to === 'resolved') {
      for (const clock of running()) stop(clock, at, 'resolved', priority);
      return;
    }
    if (from === 'resolved') {
      // Reopen: only the resolution clock resumes; response clocks restart on the next customer message.
      if (resolution && resolution.stoppedAt !== null) {
        resolution.stoppedAt = null;
        resolution.stoppedBy = null;
        resolution.priorityAtStop = null;
        resume(resolution, at, to);
      }
      return;
    }
    for (const clock of running()) {
      closeOpenParts(clock, at);
      resume(clock, at, to);
    }
  };

  for (const event of ordered) {
    if (event.kind === 'priority') {
      priority = event.priority;
    } else if (event.kind === 'status') {
      changeStatus(event.status, event.at);
    } else if (event.kind === 'reopen') {
      changeStatus('open', event.at);
    } else if (event.kind === 'agent_reply') {
      for (const clock of [firstResponse, nextResponse]) {
        if (clock && clock.stoppedAt === null) stop(clock, event.at, 'agent_reply', priority);
      }
    } else {
      // A customer writing brings a pending, snoozed or resolved conversation back to open.
      changeStatus('open', event.at);
      if (!firstResponse) {
        firstResponse = openClock('first_response', 'first_response', event.at, status);
        clocks.push(firstResponse);
      } else if (firstResponse.stoppedAt !== null && (!nextResponse || nextResponse.stoppedAt !== null)) {
        const id = uniqueId(`next_response:${event.at}`, clocks);
        nextResponse = openClock('next_response', id, event.at, status);
        clocks.push(nextResponse);
      }
      if (!resolution) {
        resolution = openClock('resolution', 'resolution', event.at, status);
        clocks.push(resolution);
      }
    }
  }
  return { status, priority, clocks };
}
