import type { Approval } from '../api/desk.ts';

export interface ApprovalRow {
  id: string;
  conversationId: string;
  agent: string;
  /** The customer, when the desk has the conversation loaded. */
  customer: string | null;
  snippet: string;
  waitingMs: number;
}

/** Collapse whitespace and cut to `max` characters (an ellipsis included), never inside an emoji. */
export function snippetOf(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * The wallboard's approval queue: pending replies only, oldest first (the longest wait is the one a
 * supervisor should pick up), at most `limit` rows; `total` counts all pending.
 */
export function approvalQueue(
  approvals: readonly Approval[],
  options: { limit: number; nowMs: number; customerOf: (conversationId: string) => string | null },
): { total: number; rows: ApprovalRow[] } {
  const pending = approvals
    .filter((a) => a.status === 'pending')
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
  return {
    total: pending.length,
    rows: pending.slice(0, options.limit).map((a) => ({
      id: a.id,
      conversationId: a.conversationId,
      agent: a.authorName ?? 'Unknown agent',
      customer: options.customerOf(a.conversationId),
      snippet: snippetOf(a.text),
      waitingMs: Math.max(0, options.nowMs - Date.parse(a.createdAt)),
    })),
  };
}
