import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../api/desk.ts';
import { matchCanned } from './CannedPicker.tsx';

const item = (shortcut: string, title: string, body = ''): CannedResponse => ({
  id: shortcut,
  shortcut,
  title,
  body,
  isShared: true,
  ownerUserId: null,
  updatedAt: '',
});

describe('the / picker', () => {
  const items = [
    item('thanks', 'Thank you'),
    item('refund', 'Refund steps', 'We will refund'),
    item('hello', 'Greeting'),
  ];
  it('lists shortcut prefixes first, then title or body matches', () => {
    expect(matchCanned(items, 're').map((i) => i.shortcut)).toEqual(['refund', 'hello']);
    expect(matchCanned(items, 'refund').map((i) => i.shortcut)).toEqual(['refund']);
    expect(matchCanned(items, 'th').map((i) => i.shortcut)).toEqual(['thanks']);
    expect(matchCanned(items, 'EE').map((i) => i.shortcut)).toEqual(['hello']);
  });
  it('shows everything for a bare slash', () => {
    expect(matchCanned(items, '')).toHaveLength(3);
  });
});
