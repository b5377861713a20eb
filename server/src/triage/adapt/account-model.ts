import type { SparseVector } from '../features.ts';

/**
 * A per-account correction layer on top of the shared models, learnt from the account's own
 * corrections (see train.ts). For a head (sentiment or intent) the adapted logits are
 *   shared logits + bias + Σ_j x_j · W[j]
 * over the message's word uni- and bigram features x (the first `wordCount` features, same hashes
 * and values as the shared models see). With no rows and zero bias it is the shared model exactly.
 */
export interface AdapterHead {
  /** The shared model's classes, in its order. */
  classes: readonly string[];
  /** Logit offset per class. */
  bias: Float64Array;
  /** Open-addressing table of feature indices: keys hold index + 1 (0 = empty). */
  keys: Int32Array;
  /** classes.length weights per table slot. */
  rows: Float32Array;
}

export interface AccountModel {
  /** Increases with every accepted retraining of the account. */
  version: number;
  sentiment?: AdapterHead;
  intent?: AdapterHead;
}

export type AdapterHeadName = 'sentiment' | 'intent';

const slotOf = (index: number, mask: number) => (Math.imul(index, 0x9e3779b1) >>> 16) & mask;

/** Packs sparse rows (feature index → class weights) into a head. */
export function createHead(
  classes: readonly string[],
  bias: ArrayLike<number>,
  rows: ReadonlyMap<number, ArrayLike<number>>,
): AdapterHead {
  const classCount = classes.length;
  let size = 16;
  while (size < rows.size * 2) size *= 2;
  const keys = new Int32Array(size);
  const weights = new Float32Array(size * classCount);
  const mask = size - 1;
  for (const [index, row] of rows) {
    let slot = slotOf(index, mask);
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = index + 1;
    for (let k = 0; k < classCount; k++) weights[slot * classCount + k] = row[k]!;
  }
  return { classes: [...classes], bias: Float64Array.from(bias), keys, rows: weights };
}

/** Number of feature rows stored in a head. */
export function headRowCount(head: AdapterHead): number {
  let count = 0;
  for (let i = 0; i < head.keys.length; i++) if (head.keys[i] !== 0) count++;
  return count;
}

/** Adds the head's logit changes for `features` to `out` (one value per class). */
export function addHeadLogits(head: AdapterHead, features: SparseVector, out: Float64Array, scale = 1): void {
  const classCount = head.classes.length;
  const { keys, rows, bias } = head;
  const mask = keys.length - 1;
  for (let k = 0; k < classCount; k++) out[k] = out[k]! + bias[k]! / scale;
  const count = features.wordCount ?? 0;
  const { indices, values } = features;
  for (let j = 0; j < count; j++) {
    const key = indices[j]! + 1;
    let slot = slotOf(key - 1, mask);
    for (;;) {
      const found = keys[slot]!;
      if (found === 0) break;
      if (found === key) {
        const value = values[j]! / scale;
        const base = slot * classCount;
        for (let k = 0; k < classCount; k++) out[k] = out[k]! + value * rows[base + k]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}
