import type { SparseVector } from './features.ts';
import type { LinearModel } from './linear-model.ts';

/**
 * The sentiment (3 classes) and intent (12 classes, indices masked to fewer bits) weights of each
 * sentiment row side by side in one 32-byte row, built at load time from the two model files. Scoring a
 * feature then touches one cache line instead of two; the table is bigger (2^19 × 32 bytes = 16 MB)
 * but cache misses, not memory, bound triage. Sums and their order are those of quantised-scoring.ts,
 * so predictions are bit-identical.
 */
export interface PairedTable {
  weights: Int16Array;
  mask: number;
}

const STRIDE = 16;

export function canPair(sentiment: LinearModel, intent: LinearModel): boolean {
  return sentiment.classes.length === 3 && intent.classes.length === 12 && intent.bits <= sentiment.bits;
}

export function buildPairedTable(sentiment: LinearModel, intent: LinearModel): PairedTable {
  const rows = 1 << sentiment.bits;
  const intentMask = (1 << intent.bits) - 1;
  const weights = new Int16Array(rows * STRIDE);
  const s = sentiment.weights;
  const w = intent.weights;
  for (let row = 0; row < rows; row++) {
    const base = row * STRIDE;
    weights[base] = s[row * 3]!;
    weights[base + 1] = s[row * 3 + 1]!;
    weights[base + 2] = s[row * 3 + 2]!;
    const intentBase = (row & intentMask) * 12;
    for (let k = 0; k < 12; k++) weights[base + 3 + k] = w[intentBase + k]!;
  }
  return { weights, mask: rows - 1 };
}

let touched = 0;

/** XOR of the touched weights: keeps the touching loads observable. */
export function pairedTouchChecksum(): number {
  return touched;
}

/**
 * Raw weight sums (before scale, bias and softmax) for both models. A first tiny loop loads every row
 * so the CPU keeps many cache misses in flight; the summing loop then reads from cache.
 */
export function scorePaired(
  table: PairedTable,
  features: SparseVector,
  sentimentSums: Float64Array,
  intentSums: Float64Array,
): void {
  const { indices, values } = features;
  const { weights: w, mask } = table;
  const count = features.length;
  let t = 0;
  for (let j = 0; j < count; j++) {
    const b = (indices[j]! & mask) * STRIDE;
    t ^= w[b]! ^ w[b + 14]!;
  }
  touched ^= t;
  let a = 0;
  let bb = 0;
  let c = 0;
  intentSums.fill(0, 0, 12);
  let j = 0;
  while (j < count) {
    const value = values[j]!;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    let s8 = 0;
    let s9 = 0;
    let s10 = 0;
    let s11 = 0;
    for (; j < count && values[j] === value; j++) {
      const b = (indices[j]! & mask) * STRIDE;
      sa += w[b]!;
      sb += w[b + 1]!;
      sc += w[b + 2]!;
      s0 += w[b + 3]!;
      s1 += w[b + 4]!;
      s2 += w[b + 5]!;
      s3 += w[b + 6]!;
      s4 += w[b + 7]!;
      s5 += w[b + 8]!;
      s6 += w[b + 9]!;
      s7 += w[b + 10]!;
      s8 += w[b + 11]!;
      s9 += w[b + 12]!;
      s10 += w[b + 13]!;
      s11 += w[b + 14]!;
    }
    a += value * sa;
    bb += value * sb;
    c += value * sc;
    intentSums[0] = intentSums[0]! + value * s0;
    intentSums[1] = intentSums[1]! + value * s1;
    intentSums[2] = intentSums[2]! + value * s2;
    intentSums[3] = intentSums[3]! + value * s3;
    intentSums[4] = intentSums[4]! + value * s4;
    intentSums[5] = intentSums[5]! + value * s5;
    intentSums[6] = intentSums[6]! + value * s6;
    intentSums[7] = intentSums[7]! + value * s7;
    intentSums[8] = intentSums[8]! + value * s8;
    intentSums[9] = intentSums[9]! + value * s9;
    intentSums[10] = intentSums[10]! + value * s10;
    intentSums[11] = intentSums[11]! + value * s11;
  }
  sentimentSums[0] = a;
  sentimentSums[1] = bb;
  sentimentSums[2] = c;
}
