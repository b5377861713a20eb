import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types.ts';
import { compareQueueOrder, countViews, matchesFilters, NO_FILTERS, selectQueue } from './queue.ts';

let serial = 0;
function conversation(overrides: Partial<Conversation> = {}): Conversation {
  serial += 1;
  return {
    id: `00000000-0000-0000-0000-${String(serial).padStart(12, '0')}`,
    status: 'new',
    priority: 'normal',
    priorityScore: 0,
    isPublic: false,
    subject: null,
    snippet: 'Where is my parcel?',
    channel: { id: 'ch-1', provider: 'api', name: 'Website' },
    contact: { id: 'ct', name: 'Casey', handle: 'casey', followerCount: 10, isVerified: false, isVip: false },
    assignee: null,
    teamId: null,
    waitingSince: '2026-11-24T10:00:00.000Z',
    firstResponseAt: null,
    lastCustomerMessageAt: null,
    lastAgentReplyAt: null,
    lastMessageAt: '2026-11-24T10:00:00.000Z',
    resolvedAt: null,
    reopenCount: 0,
    messageCount: 1,
    createdAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

describe('queue order', () => {
  it('puts higher priority first, then the longest wait, then conversations not waiting', () => {
    const lowOld = conversation({ priority: 'low', waitingSince: '2026-11-24T08:00:00.000Z' });
    const urgent = conversation({ priority: 'urgent', waitingSince: '2026-11-24T11:00:00.000Z' });
    const normalOld = conversation({ waitingSince: '2026-11-24T09:00:00.000Z' });
    const normalNew = conversation({ waitingSince: '2026-11-24T09:30:00.000Z' });
    const notWaiting = conversation({ waitingSince: null });
    const sorted = [lowOld, notWaiting, normalNew, urgent, normalOld].sort(compareQueueOrder);
    expect(sorted).toEqual([urgent, normalOld, normalNew, notWaiting, lowOld]);
  });

  it('breaks ties by id so the order is stable across reloads', () => {
    const a = conversation();
    const b = conversation();
    expect([b, a].sort(compareQueueOrder)).toEqual([a, b]);
  });
});

describe('views and filters', () => {
  const me = 'user-me';
  const mine = conversation({ assignee: { id: me, name: 'Me' } });
  const theirs = conversation({ assignee: { id: 'other', name: 'Other' }, isPublic: true });
  const unassigned = conversation({ channel: { id: 'ch-x', provider: 'x', name: 'X' }, priority: 'high' });
  const resolved = conversation({ status: 'resolved', assignee: { id: me, name: 'Me' } });
  const all = [mine, theirs, unassigned, resolved];

  it('counts each view the way the lists show them', () => {
    expect(countViews(all, me)).toEqual({ mine: 1, unassigned: 1, all: 3, public: 1, resolved: 1 });
  });

  it('keeps resolved conversations out of the open views', () => {
    expect(selectQueue(all, 'mine', NO_FILTERS, me)).toEqual([mine]);
    expect(selectQueue(all, 'resolved', NO_FILTERS, me)).toEqual([resolved]);
  });

  it('filters by channel, priority, assignee and text', () => {
    expect(selectQueue(all, 'all', { ...NO_FILTERS, channelId: 'ch-x' }, me)).toEqual([unassigned]);
    expect(selectQueue(all, 'all', { ...NO_FILTERS, priority: 'high' }, me)).toEqual([unassigned]);
    expect(selectQueue(all, 'all', { ...NO_FILTERS, assigneeId: 'none' }, me)).toEqual([unassigned]);
    expect(selectQueue(all, 'all', { ...NO_FILTERS, assigneeId: 'other' }, me)).toEqual([theirs]);
    expect(matchesFilters(mine, { ...NO_FILTERS, text: 'PARCEL' })).toBe(true);
    expect(matchesFilters(mine, { ...NO_FILTERS, text: 'refund' })).toBe(false);
  });

  it("filters by the customer's current sentiment and by intent", () => {
    const angry = conversation({
      sentimentStart: 'neutral',
      sentimentEnd: 'negative',
      intent: 'refund_return',
    });
    const calm = conversation({ sentimentStart: 'negative', sentimentEnd: 'positive', intent: 'praise' });
    expect(matchesFilters(angry, { ...NO_FILTERS, sentiment: 'negative' })).toBe(true);
    expect(matchesFilters(calm, { ...NO_FILTERS, sentiment: 'negative' })).toBe(false);
    expect(matchesFilters(angry, { ...NO_FILTERS, intent: 'refund_return' })).toBe(true);
    expect(matchesFilters(calm, { ...NO_FILTERS, intent: 'refund_return' })).toBe(false);
    expect(matchesFilters(calm, { ...NO_FILTERS, sentiment: 'positive', intent: 'praise' })).toBe(true);
  });
});
