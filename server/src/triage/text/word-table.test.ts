import { describe, expect, it } from 'vitest';
import { hashString } from './hash.ts';
import { createWordTable, findWord, findWordAfterFirst } from './word-table.ts';

describe('word table', () => {
  const seed = hashString('w');
  const words = Array.from({ length: 500 }, (_, i) => `w${i.toString(36)}x`);
  const table = createWordTable(
    words.map((w, i) => [w, i / 10] as const),
    seed,
  );

  it('finds every word by its hash and returns its value, like a Map', () => {
    for (const [i, word] of words.entries()) {
      const slot = findWord(table, word, hashString(word, seed));
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(table.values[slot]).toBe(i / 10);
    }
    expect(findWord(table, 'absent', hashString('absent', seed))).toBe(-1);
  });

  it('confirms hits by the word, so a colliding hash cannot return another word', () => {
    const hash = hashString(words[3]!, seed);
    expect(findWord(table, 'not-the-word', hash)).toBe(-1);
  });

  it('looks up a token without its first character (the "!" of a negated token)', () => {
    const slot = findWordAfterFirst(table, `!${words[7]}`);
    expect(table.values[slot]).toBe(0.7);
    expect(findWordAfterFirst(table, '!nothing')).toBe(-1);
  });
});
