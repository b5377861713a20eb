import { describe, expect, it } from 'vitest';
import type { Approval } from '../api/desk.ts';
import { approvalQueue, snippetOf } from './approval-queue.ts';

const NOW = Date.parse('2026-01-10T12:00:00Z');

const approval = (id: string, createdAt: string, over: Partial<Approval> = {}): Approval => ({
  id,
  conversationId: `c-${id}`,
  authorUserId: `u-${id}`,
  authorName: `Agent ${id}`,
  text: `Reply ${id}`,
  originalText: `Reply ${id}`,
  isPublic: true,
  attachmentIds: [],
  template: null,
  status: 'pending',
  reviewerUserId: null,
  reason: null,
  messageId: null,
  createdAt,
  decidedAt: null,
  ...over,
});

describe('the wallboard approval queue', () => {
  const customers: Record<string, string> = { 'c-a': 'Ana' };
  const customerOf = (id: string) => customers[id] ?? null;

  it('lists pending replies oldest first with agent, customer, snippet and wait, and counts them all', () => {
    const items = [
      approval('b', '2026-01-10T11:58:00Z'),
      approval('a', '2026-01-10T11:30:00Z'),
      approval('d', '2026-01-10T11:00:00Z', { status: 'approved' }),
      approval('c', '2026-01-10T11:59:30Z', { authorName: null }),
    ];
    const { total, rows } = approvalQueue(items, { limit: 2, nowMs: NOW, customerOf });
    expect(total).toBe(3);
    expect(rows).toEqual([
      {
        id: 'a',
        conversationId: 'c-a',
        agent: 'Agent a',
        customer: 'Ana',
        snippet: 'Reply a',
        waitingMs: 30 * 60_000,
      },
      {
        id: 'b',
        conversationId: 'c-b',
        agent: 'Agent b',
        customer: null,
        snippet: 'Reply b',
        waitingMs: 2 * 60_000,
      },
    ]);
    const all = approvalQueue(items, { limit: 10, nowMs: NOW, customerOf });
    expect(all.rows.map((r) => r.agent)).toEqual(['Agent a', 'Agent b', 'Unknown agent']);
  });

  it('is empty when nothing is pending and never reports a negative wait', () => {
    expect(approvalQueue([], { limit: 5, nowMs: NOW, customerOf }).total).toBe(0);
    const early = approvalQueue([approval('x', '2026-01-10T12:00:05Z')], {
      limit: 5,
      nowMs: NOW,
      customerOf,
    });
    expect(early.rows[0]?.waitingMs).toBe(0);
  });

  it('flattens and shortens snippets without splitting an emoji', () => {
    expect(snippetOf('Hello\n\n  there')).toBe('Hello there');
    expect(snippetOf('abcdefghij', 5)).toBe('abcd…');
    expect(snippetOf('🙂🙂🙂🙂🙂🙂', 4)).toBe('🙂🙂🙂…');
    expect(snippetOf('short', 5)).toBe('short');
  });
});
