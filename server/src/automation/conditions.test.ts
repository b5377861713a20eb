import { describe, expect, it } from 'vitest';
import { matches, matchesAll } from './conditions.ts';
import { triggersOf } from './follower.ts';
import type { Facts } from './types.ts';

const facts: Facts = {
  conversationId: 'c1',
  channelId: 'ch-1',
  provider: 'x',
  isPublic: true,
  status: 'open',
  text: 'My ORDER 12345 never arrived!!',
  sentiment: 'negative',
  intent: 'complaint',
  priority: 'high',
  followerCount: 15_000,
  language: 'en',
  isVip: false,
  isWithinBusinessHours: true,
  labelIds: ['l1'],
  assigneeId: null,
  teamId: null,
};

describe('rule conditions', () => {
  it('channel matches the provider (any case) or the channel id', () => {
    expect(matches({ type: 'channel', values: ['X'] }, facts)).toBe(true);
    expect(matches({ type: 'channel', values: ['ch-1'] }, facts)).toBe(true);
    expect(matches({ type: 'channel', values: ['facebook', 'ch-2'] }, facts)).toBe(false);
  });

  it('visibility, VIP, business hours and labels', () => {
    expect(matches({ type: 'visibility', value: 'public' }, facts)).toBe(true);
    expect(matches({ type: 'visibility', value: 'private' }, facts)).toBe(false);
    expect(matches({ type: 'vip', value: true }, facts)).toBe(false);
    expect(matches({ type: 'business_hours', value: false }, facts)).toBe(false);
    expect(matches({ type: 'label', labelId: 'l1' }, facts)).toBe(true);
    expect(matches({ type: 'label', labelId: 'l2' }, facts)).toBe(false);
  });

  it('text contains (case-insensitive, any of) and matches a pattern', () => {
    expect(matches({ type: 'text_contains', values: ['refund', 'order'] }, facts)).toBe(true);
    expect(matches({ type: 'text_contains', values: ['refund'] }, facts)).toBe(false);
    expect(matches({ type: 'text_matches', pattern: '\\b\\d{5}\\b' }, facts)).toBe(true);
    expect(matches({ type: 'text_matches', pattern: '^never' }, facts)).toBe(false);
    expect(matches({ type: 'text_matches', pattern: '(' }, facts)).toBe(false);
  });

  it('triage fields: sentiment, intent, priority, language', () => {
    expect(matches({ type: 'sentiment', values: ['Negative'] }, facts)).toBe(true);
    expect(matches({ type: 'intent', values: ['question'] }, facts)).toBe(false);
    expect(matches({ type: 'priority', values: ['urgent', 'high'] }, facts)).toBe(true);
    expect(matches({ type: 'language', values: ['es'] }, facts)).toBe(false);
    expect(matches({ type: 'sentiment', values: ['negative'] }, { ...facts, sentiment: null })).toBe(false);
  });

  it('follower count bounds are inclusive; unknown counts as 0', () => {
    expect(matches({ type: 'follower_count', min: 15_000 }, facts)).toBe(true);
    expect(matches({ type: 'follower_count', min: 15_001 }, facts)).toBe(false);
    expect(matches({ type: 'follower_count', max: 100 }, { ...facts, followerCount: null })).toBe(true);
  });

  it('all conditions must hold; none always holds', () => {
    expect(matchesAll([], facts)).toBe(true);
    expect(
      matchesAll(
        [
          { type: 'channel', values: ['x'] },
          { type: 'sentiment', values: ['negative'] },
        ],
        facts,
      ),
    ).toBe(true);
    expect(
      matchesAll(
        [
          { type: 'channel', values: ['x'] },
          { type: 'vip', value: true },
        ],
        facts,
      ),
    ).toBe(false);
  });
});

describe('which activity sets off which trigger', () => {
  const row = (kind: string, data: Record<string, unknown> = {}) => ({
    id: 7,
    accountId: 'a',
    conversationId: 'c',
    kind,
    actorUserId: null,
    messageId: 'm1',
    data,
    occurredAt: new Date(),
  });

  it('maps kinds to triggers with a per-occasion key', () => {
    expect(triggersOf(row('message.received'))).toEqual([{ trigger: 'message_received', key: 'msg:m1' }]);
    expect(triggersOf(row('conversation.created'))).toEqual([
      { trigger: 'conversation_created', key: 'created' },
    ]);
    expect(triggersOf(row('conversation.status_changed', { to: 'resolved' })).map((t) => t.trigger)).toEqual([
      'conversation_updated',
      'conversation_resolved',
    ]);
    expect(triggersOf(row('sla.at_risk'))).toEqual([{ trigger: 'sla_at_risk', key: 'act:7' }]);
    expect(triggersOf(row('note.added'))).toEqual([]);
  });

  it("a rule's own changes never set off rules again", () => {
    expect(triggersOf(row('conversation.assigned', { reason: 'rule' }))).toEqual([]);
    expect(triggersOf(row('label.added', { ruleId: 'r1', reason: 'rule' }))).toEqual([]);
    expect(triggersOf(row('conversation.status_changed', { to: 'resolved', reason: 'rule' }))).toEqual([]);
  });
});
