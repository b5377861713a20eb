import { describe, expect, it } from 'vitest';
import { parseCsatScore } from './csat.ts';

describe('CSAT answer', () => {
  it.each([
    ['5', 5],
    [' 4/5', 4],
    ['3 out of 5', 3],
    ['5 stars', 5],
    ['⭐ 4 - fine', 4],
    ['2.', 2],
    ['1!', 1],
  ])('reads %j as %i', (text, score) => {
    expect(parseCsatScore(text)).toBe(score);
  });

  it.each(['5 days and still nothing', '45', 'great', '0', '6', 'thanks', ''])(
    '%j is not an answer',
    (text) => {
      expect(parseCsatScore(text)).toBeNull();
    },
  );
});
