import { describe, expect, it } from 'vitest';
import { insertAtCaret } from './insert-at-caret.ts';

describe('insertAtCaret', () => {
  it('inserts at the caret and puts the caret after the insertion', () => {
    expect(insertAtCaret('Thanks for waiting', 6, 6, ' 🙏')).toEqual({
      value: 'Thanks 🙏 for waiting',
      caret: 9,
    });
  });

  it('inserts at the start and into an empty text', () => {
    expect(insertAtCaret('hello', 0, 0, '👋 ')).toEqual({ value: '👋 hello', caret: 3 });
    expect(insertAtCaret('', 0, 0, '🙂')).toEqual({ value: '🙂', caret: 2 });
  });

  it('replaces the selected text', () => {
    expect(insertAtCaret('Great news!', 0, 5, '🎉')).toEqual({ value: '🎉 news!', caret: 2 });
  });

  it('orders a reversed selection', () => {
    expect(insertAtCaret('abcdef', 4, 2, 'X')).toEqual({ value: 'abXef', caret: 3 });
  });

  it('appends when there is no selection and clamps offsets outside the text', () => {
    expect(insertAtCaret('ok', null, null, '👍')).toEqual({ value: 'ok👍', caret: 4 });
    expect(insertAtCaret('ok', undefined, undefined, '👍')).toEqual({ value: 'ok👍', caret: 4 });
    expect(insertAtCaret('ok', 99, 120, '👍')).toEqual({ value: 'ok👍', caret: 4 });
    expect(insertAtCaret('ok', -3, -1, '👍')).toEqual({ value: '👍ok', caret: 2 });
  });

  it('uses the start when only the start is known', () => {
    expect(insertAtCaret('abc', 1, null, '-')).toEqual({ value: 'a-bc', caret: 2 });
  });

  it('never splits an emoji already in the text', () => {
    // '🙂' is two UTF-16 units; offset 2 sits between them.
    const value = 'a🙂b';
    const result = insertAtCaret(value, 2, 2, '👍');
    expect(result).toEqual({ value: 'a👍🙂b', caret: 3 });
  });
});
