import type { SparseVector } from './features.ts';
import type { LinearModel } from './linear-model.ts';

/**
 * Both models' weights in one table, built at load time from the two model files. The intent model
 * masks feature indices to fewer bits than sentiment, so each intent row is shared by 2^(19-16) = 8
 * sentiment rows: one row here holds the 12 intent weights and then those 8 sentiment rows (3 each),
 * 72 bytes. A feature's weights for both models then sit within 72 bytes (one or two cache lines, one
 * page) instead of in two tables, and the table is no bigger than the two models (4.7 MB): scoring is
 * bound by cache and TLB misses, not arithmetic. Sums and their order are those of
 * quantised-scoring.ts, so predictions are bit-identical.
 */
export interface PairedTable {
  weights: Int16Array;
  /** Int16 values per row: 12 + 3 × sentiment rows per intent row. */
  stride: number;
  intentMask: number;
  sentimentMask: number;
  intentBits: number;
}

export function canPair(sentiment: LinearModel, intent: LinearModel): boolean {
  return sentiment.classes.length === 3 && intent.classes.length === 12 && intent.bits <= sentiment.bits;
}

export function buildPairedTable(sentiment: LinearModel, intent: LinearModel): PairedTable {
  const intentRows = 1 << intent.bits;
  const stride = 12 + 3 * (1 << (sentiment.bits - intent.bits));
  const weights = new Int16Array(intentRows * stride);
  const s = sentiment.weights;
  const w = intent.weights;
  for (let row = 0; row < intentRows; row++)
    for (let k = 0; k < 12; k++) weights[row * stride + k] = w[row * 12 + k]!;
  for (let row = 0; row < 1 << sentiment.bits; row++) {
    const slot = (row & (intentRows - 1)) * stride + 12 + (row >>> intent.bits) * 3;
    weights[slot] = s[row * 3]!;
    weights[slot + 1] = s[row * 3 + 1]!;
    weights[slot + 2] = s[row * 3 + 2]!;
  }
  return {
    weights,
    stride,
    intentMask: intentRows - 1,
    sentimentMask: (1 << sentiment.bits) - 1,
    intentBits: intent.bits,
  };
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
  const { weights: w, stride, intentMask, sentimentMask, intentBits } = table;
  const count = features.length;
  let t = 0;
  for (let j = 0; j < count; j++) {
    const index = indices[j]! & sentimentMask;
    const b = (index & intentMask) * stride;
    t ^= w[b]! ^ w[b + 11]! ^ w[b + 12 + (index >>> intentBits) * 3]!;
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
      const index = indices[j]! & sentimentMask;
      const b = (index & intentMask) * stride;
      const slot = b + 12 + (index >>> intentBits) * 3;
      sa += w[slot]!;
      sb += w[slot + 1]!;
      sc += w[slot + 2]!;
      s0 += w[b]!;
      s1 += w[b + 1]!;
      s2 += w[b + 2]!;
      s3 += w[b + 3]!;
      s4 += w[b + 4]!;
      s5 += w[b + 5]!;
      s6 += w[b + 6]!;
      s7 += w[b + 7]!;
      s8 += w[b + 8]!;
      s9 += w[b + 9]!;
      s10 += w[b + 10]!;
      s11 += w[b + 11]!;
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
