import type { SparseVector } from './features.ts';
import type { LinearModel } from './linear-model.ts';

/*
 * Scoring for int16 models. Features come in runs with one value (every word feature has the same
 * L2-normalised weight, every character n-gram another), so each run sums its int16 weights as exact
 * integers and multiplies once. Word runs give bit-identical sums to a float loop (value × integer is
 * exact in a double); later runs round once instead of per feature, a difference near 1e-16.
 * Integer sums keep the loop short, which lets the CPU overlap more cache misses on the weight table.
 */

export function accumulateThreeQuantised(
  model: LinearModel,
  features: SparseVector,
  out: Float64Array,
): void {
  const mask = (1 << model.bits) - 1;
  const { indices, values } = features;
  const weights = model.weights;
  const count = features.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let j = 0;
  while (j < count) {
    const value = values[j]!;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    for (; j < count && values[j] === value; j++) {
      const base = (indices[j]! & mask) * 3;
      sa += weights[base]!;
      sb += weights[base + 1]!;
      sc += weights[base + 2]!;
    }
    a += value * sa;
    b += value * sb;
    c += value * sc;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** Twelve classes: each feature's 24 bytes of weights are read once per message. */
export function accumulateTwelveQuantised(
  model: LinearModel,
  features: SparseVector,
  out: Float64Array,
): void {
  const mask = (1 << model.bits) - 1;
  const { indices, values } = features;
  const w = model.weights;
  const count = features.length;
  out.fill(0, 0, 12);
  let j = 0;
  while (j < count) {
    const value = values[j]!;
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
      const b = (indices[j]! & mask) * 12;
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
    out[0] = out[0]! + value * s0;
    out[1] = out[1]! + value * s1;
    out[2] = out[2]! + value * s2;
    out[3] = out[3]! + value * s3;
    out[4] = out[4]! + value * s4;
    out[5] = out[5]! + value * s5;
    out[6] = out[6]! + value * s6;
    out[7] = out[7]! + value * s7;
    out[8] = out[8]! + value * s8;
    out[9] = out[9]! + value * s9;
    out[10] = out[10]! + value * s10;
    out[11] = out[11]! + value * s11;
  }
}

let touched = 0;

/** XOR of every weight touched so far: keeps the touching loads observable (and testable). */
export function touchedChecksum(): number {
  return touched;
}

/**
 * Reads the first and last weight of every row the features will use, in both models, before scoring.
 * The loop is tiny, so the CPU keeps dozens of cache misses in flight; the scoring loops are long and
 * would otherwise wait on a few at a time. Halves scoring time when the tables are not in cache.
 */
export function touchWeightRows(first: LinearModel, second: LinearModel, features: SparseVector): void {
  const { indices } = features;
  const firstMask = (1 << first.bits) - 1;
  const secondMask = (1 << second.bits) - 1;
  const firstRow = first.classes.length;
  const secondRow = second.classes.length;
  const a = first.weights;
  const b = second.weights;
  let t = 0;
  for (let j = 0; j < features.length; j++) {
    const index = indices[j]!;
    const rowA = (index & firstMask) * firstRow;
    const rowB = (index & secondMask) * secondRow;
    t ^= a[rowA]! ^ a[rowA + firstRow - 1]! ^ b[rowB]! ^ b[rowB + secondRow - 1]!;
  }
  // Kept so the loads are not optimised away.
  touched ^= t;
}
