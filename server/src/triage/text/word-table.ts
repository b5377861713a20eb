import { hashString } from './hash.ts';

/**
 * Words looked up by a hash the caller has already computed (the feature hash of the token), so the
 * word loop does one hash per token instead of a Map's string hash per lookup. Open addressing with
 * linear probing; every hit is confirmed by comparing the word, so collisions cannot change results.
 */
export interface WordTable {
  mask: number;
  hashes: Int32Array;
  words: (string | undefined)[];
  values: Float64Array;
  seed: number;
}

const slotOf = (hash: number, mask: number) => (hash ^ (hash >>> 15)) & mask;

export function createWordTable(entries: Iterable<readonly [string, number]>, seed: number): WordTable {
  const list = [...entries];
  let size = 16;
  while (size < list.length * 2) size *= 2;
  const table: WordTable = {
    mask: size - 1,
    hashes: new Int32Array(size),
    words: new Array<string | undefined>(size).fill(undefined),
    values: new Float64Array(size),
    seed,
  };
  for (const [word, value] of list) {
    const hash = hashString(word, seed);
    let slot = slotOf(hash, table.mask);
    while (table.words[slot] !== undefined && table.words[slot] !== word) slot = (slot + 1) & table.mask;
    table.hashes[slot] = hash;
    table.words[slot] = word;
    table.values[slot] = value;
  }
  return table;
}

/** Slot of `word` (whose hash from the table's seed is `hash`), or -1 when absent. */
export function findWord(table: WordTable, word: string, hash: number): number {
  const { mask, hashes, words } = table;
  let slot = slotOf(hash, mask);
  for (;;) {
    const candidate = words[slot];
    if (candidate === undefined) return -1;
    if (hashes[slot] === hash && candidate === word) return slot;
    slot = (slot + 1) & mask;
  }
}

/** Slot of `word` without its first code unit (a '!'-prefixed token), or -1; no substring is made. */
export function findWordAfterFirst(table: WordTable, word: string): number {
  let hash = table.seed;
  for (let i = 1; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  const { mask, hashes, words } = table;
  let slot = slotOf(hash, mask);
  for (;;) {
    const candidate = words[slot];
    if (candidate === undefined) return -1;
    if (hashes[slot] === hash && candidate.length === word.length - 1 && word.startsWith(candidate, 1))
      return slot;
    slot = (slot + 1) & mask;
  }
}
