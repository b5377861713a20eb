import type { Conversation, ConversationStatus, Priority, Sentiment } from '../api/types.ts';

// The desk keeps every conversation of the account in memory (loaded by cursor pages, then kept
// current by the event stream), so views, filters and counts are computed here without a round trip.

export const OPEN_STATUSES: readonly ConversationStatus[] = ['new', 'open', 'pending', 'snoozed'];
export const DONE_STATUSES: readonly ConversationStatus[] = ['resolved', 'closed'];

export type ViewId = 'mine' | 'unassigned' | 'all' | 'public' | 'resolved';

export const VIEWS: readonly { id: ViewId; label: string }[] = [
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'all', label: 'All open' },
  { id: 'public', label: 'Public / mentions' },
  { id: 'resolved', label: 'Resolved' },
];

export interface Filters {
  channelId: string | null;
  status: ConversationStatus | null;
  priority: Priority | null;
  /** A user id, 'none' for unassigned, or null for anyone. */
  assigneeId: string | null;
  text: string;
  /** Only conversations carrying this label. */
  labelId?: string | null;
  /** The customer's sentiment now (the latest message's). */
  sentiment?: Sentiment | null;
  intent?: string | null;
}

export const NO_FILTERS: Filters = {
  channelId: null,
  status: null,
  priority: null,
  assigneeId: null,
  text: '',
};

export function isInView(conversation: Conversation, view: ViewId, myUserId: string): boolean {
  const isOpen = OPEN_STATUSES.includes(conversation.status);
  switch (view) {
    case 'mine':
      return isOpen && conversation.assignee?.id === myUserId;
    case 'unassigned':
      return isOpen && conversation.assignee === null;
    case 'all':
      return isOpen;
    case 'public':
      return isOpen && conversation.isPublic;
    case 'resolved':
      return DONE_STATUSES.includes(conversation.status);
  }
}

export function matchesFilters(conversation: Conversation, filters: Filters): boolean {
  if (filters.channelId && conversation.channel.id !== filters.channelId) return false;
  if (filters.status && conversation.status !== filters.status) return false;
  if (filters.priority && conversation.priority !== filters.priority) return false;
  if (filters.labelId && !conversation.labels?.some((l) => l.id === filters.labelId)) return false;
  if (filters.sentiment && conversation.sentimentEnd !== filters.sentiment) return false;
  if (filters.intent && conversation.intent !== filters.intent) return false;
  if (filters.assigneeId === 'none' && conversation.assignee !== null) return false;
  if (
    filters.assigneeId &&
    filters.assigneeId !== 'none' &&
    conversation.assignee?.id !== filters.assigneeId
  ) {
    return false;
  }
  const needle = filters.text.trim().toLowerCase();
  if (needle) {
    const haystack =
      `${conversation.snippet} ${conversation.subject ?? ''} ${conversation.contact.name ?? ''} ${conversation.contact.handle ?? ''}`.toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The server's queue order: priority, then longest waiting first (not waiting last), then id. */
export function compareQueueOrder(a: Conversation, b: Conversation): number {
  const byPriority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (byPriority !== 0) return byPriority;
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    const byWait = Date.parse(a.waitingSince) - Date.parse(b.waitingSince);
    if (byWait !== 0) return byWait;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function selectQueue(
  all: Iterable<Conversation>,
  view: ViewId,
  filters: Filters,
  myUserId: string,
): Conversation[] {
  const rows: Conversation[] = [];
  for (const c of all) if (isInView(c, view, myUserId) && matchesFilters(c, filters)) rows.push(c);
  return rows.sort(compareQueueOrder);
}

export function countViews(all: Iterable<Conversation>, myUserId: string): Record<ViewId, number> {
  const counts: Record<ViewId, number> = { mine: 0, unassigned: 0, all: 0, public: 0, resolved: 0 };
  for (const c of all) for (const view of VIEWS) if (isInView(c, view.id, myUserId)) counts[view.id] += 1;
  return counts;
}
