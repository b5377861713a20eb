import { describe, expect, it } from 'vitest';
import { ACTIONS, actionFromRow, CONDITIONS, conditionFromRow, rowOf } from './rule-form.ts';

describe('rule form rows', () => {
  it('reads lists, booleans and numbers by type', () => {
    expect(conditionFromRow({ type: 'text_contains', value: 'refund, broken ,' })).toEqual({
      type: 'text_contains',
      values: ['refund', 'broken'],
    });
    expect(conditionFromRow({ type: 'vip', value: 'Yes' })).toEqual({ type: 'vip', value: true });
    expect(conditionFromRow({ type: 'follower_count', value: '10000' })).toEqual({
      type: 'follower_count',
      min: 10000,
    });
    expect(actionFromRow({ type: 'snooze', value: '60' })).toEqual({ type: 'snooze', minutes: 60 });
    expect(actionFromRow({ type: 'resolve_spam', value: 'ignored' })).toEqual({ type: 'resolve_spam' });
    expect(actionFromRow({ type: 'webhook', value: ' https://x.test/h  s3cret-s3cret-123 ' })).toEqual({
      type: 'webhook',
      url: 'https://x.test/h',
      secret: 's3cret-s3cret-123',
    });
  });
  it('turns stored rules back into rows', () => {
    expect(rowOf({ type: 'channel', values: ['x', 'facebook'] }, CONDITIONS)).toEqual({
      type: 'channel',
      value: 'x, facebook',
    });
    expect(rowOf({ type: 'vip', value: false }, CONDITIONS)).toEqual({ type: 'vip', value: 'no' });
    expect(rowOf({ type: 'set_priority', priority: 'urgent' }, ACTIONS)).toEqual({
      type: 'set_priority',
      value: 'urgent',
    });
  });
});
