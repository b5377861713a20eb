import type { QueueOrder } from '../api/routing.ts';
import type { Conversation } from '../api/types.ts';
import { compareQueueOrder, type Filters, matchesFilters, OPEN_STATUSES } from './queue.ts';
import { isSlaAtRisk } from './sla-countdown.ts';

// Inbox views that need routing data: the signed-in agent's teams and the SLA state at `now`.

export type RoutingViewId = 'my_team' | 'sla_at_risk';

export const ROUTING_VIEWS: readonly { id: RoutingViewId; label: string }[] = [
  { id: 'my_team', label: 'My team' },
  { id: 'sla_at_risk', label: 'SLA at risk' },
];

export interface RoutingViewContext {
  myTeamIds: ReadonlySet<string>;
  nowMs: number;
  /** The team handling a conversation: its own, else its channel's (routing settings). */
  teamOf?: (c: Conversation) => string | null;
}

export function isRoutingView(view: string): view is RoutingViewId {
  return view === 'my_team' || view === 'sla_at_risk';
}

export function isInRoutingView(c: Conversation, view: RoutingViewId, context: RoutingViewContext): boolean {
  if (!OPEN_STATUSES.includes(c.status)) return false;
  if (view === 'my_team') {
    const teamId = context.teamOf ? context.teamOf(c) : c.teamId;
    return teamId !== null && context.myTeamIds.has(teamId);
  }
  return isSlaAtRisk(c, context.nowMs);
}

/** Earliest SLA deadline first (no running clock last), then the default queue order. */
export function compareSlaDueFirst(a: Conversation, b: Conversation): number {
  const dueA = a.sla?.nextDueAt ? Date.parse(a.sla.nextDueAt) : Number.POSITIVE_INFINITY;
  const dueB = b.sla?.nextDueAt ? Date.parse(b.sla.nextDueAt) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return compareQueueOrder(a, b);
}

/** Rows of a routing view; the SLA view is always most urgent deadline first. */
export function selectRoutingQueue(
  all: Iterable<Conversation>,
  view: RoutingViewId,
  filters: Filters,
  context: RoutingViewContext,
  order: QueueOrder,
): Conversation[] {
  const rows: Conversation[] = [];
  for (const c of all) if (isInRoutingView(c, view, context) && matchesFilters(c, filters)) rows.push(c);
  return rows.sort(
    view === 'sla_at_risk' || order === 'sla_due_first' ? compareSlaDueFirst : compareQueueOrder,
  );
}

/** The account's queue order applied to rows already sorted by the default order. */
export function inQueueOrder(rows: Conversation[], order: QueueOrder): Conversation[] {
  return order === 'sla_due_first' ? rows.sort(compareSlaDueFirst) : rows;
}

export function countRoutingViews(
  all: Iterable<Conversation>,
  context: RoutingViewContext,
): Record<RoutingViewId, number> {
  const counts: Record<RoutingViewId, number> = { my_team: 0, sla_at_risk: 0 };
  for (const c of all) {
    if (isInRoutingView(c, 'my_team', context)) counts.my_team += 1;
    if (isInRoutingView(c, 'sla_at_risk', context)) counts.sla_at_risk += 1;
  }
  return counts;
}
