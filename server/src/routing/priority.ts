/** Conversation priority, highest first. Triage sets it; agents and rules may change it. */
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** 0 for urgent … 3 for low: smaller ranks are served first. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
