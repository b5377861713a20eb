// Queue order: which waiting conversation is served first. Default: priority, then longest waiting;
// alternative: earliest SLA due-at first. Ties always end on the id so the order is total and stable.

import { type Priority, priorityRank } from './priority.ts';
import type { EpochMs } from './sla/calendar.ts';

export type QueueOrderMode = 'priority_then_waiting' | 'sla_due_first';

export interface QueueItem {
  id: string;
  priority: Priority;
  /** When the customer started waiting (first unanswered message). */
  waitingSince: EpochMs;
  /** Earliest due-at among the conversation's running SLA clocks, if any. */
  slaDueAt?: EpochMs | null;
}

function byPriorityThenWaiting(a: QueueItem, b: QueueItem): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || a.waitingSince - b.waitingSince;
}

function bySlaDue(a: QueueItem, b: QueueItem): number {
  const dueA = a.slaDueAt ?? Number.POSITIVE_INFINITY;
  const dueB = b.slaDueAt ?? Number.POSITIVE_INFINITY;
  return dueA === dueB ? 0 : dueA < dueB ? -1 : 1;
}

const byId = (a: QueueItem, b: QueueItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function queueComparator(
  mode: QueueOrderMode = 'priority_then_waiting',
): (a: QueueItem, b: QueueItem) => number {
  if (mode === 'sla_due_first') return (a, b) => bySlaDue(a, b) || byPriorityThenWaiting(a, b) || byId(a, b);
  return (a, b) => byPriorityThenWaiting(a, b) || byId(a, b);
}

/** A sorted copy; the input is left untouched. */
export function sortQueue<T extends QueueItem>(
  items: readonly T[],
  mode: QueueOrderMode = 'priority_then_waiting',
): T[] {
  return [...items].sort(queueComparator(mode));
}
