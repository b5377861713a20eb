import { describe, expect, it } from 'vitest';
import { anchoredScrollTop } from './scroll-anchor.ts';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('anchoredScrollTop', () => {
  const before = rows('a', 'b', 'c', 'd', 'e');

  it('moves down by the rows inserted above the first visible one, keeping the offset within it', () => {
    // Viewing 'c' (index 2) scrolled 10 px into it; two conversations arrive at the top.
    expect(anchoredScrollTop(before, rows('x', 'y', 'a', 'b', 'c', 'd', 'e'), 2 * 72 + 10, 72)).toBe(
      4 * 72 + 10,
    );
  });

  it('moves up when a row above is removed', () => {
    expect(anchoredScrollTop(before, rows('b', 'c', 'd', 'e'), 2 * 72, 72)).toBe(72);
  });

  it('leaves the list alone at the top, below the viewport, or when the anchor is gone', () => {
    expect(anchoredScrollTop(before, rows('x', ...'abcde'), 0, 72)).toBeNull();
    expect(anchoredScrollTop(before, rows('a', 'b', 'c', 'd', 'x', 'e'), 2 * 72, 72)).toBeNull();
    expect(anchoredScrollTop(before, rows('a', 'b', 'd', 'e'), 2 * 72, 72)).toBeNull();
  });
});
