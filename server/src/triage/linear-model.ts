import type { SparseVector } from './features.ts';

/** Multinomial logistic regression over hashed features; weights are feature-major (index * classes + class). */
export interface LinearModel {
  classes: readonly string[];
  weights: Float32Array;
  bias: Float32Array;
}

/** Writes class probabilities (softmax) into `out` and returns the index of the best class. */
export function predictInto(model: LinearModel, features: SparseVector, out: Float64Array): number {
  const classCount = model.classes.length;
  for (let k = 0; k < classCount; k++) out[k] = model.bias[k]!;
  const { indices, values, weights } = {
    indices: features.indices,
    values: features.values,
    weights: model.weights,
  };
  for (let j = 0; j < features.length; j++) {
    const base = indices[j]! * classCount;
    const value = values[j]!;
    for (let k = 0; k < classCount; k++) out[k] = out[k]! + value * weights[base + k]!;
  }
  let best = 0;
  let max = out[0]!;
  for (let k = 1; k < classCount; k++) {
    if (out[k]! > max) {
      max = out[k]!;
      best = k;
    }
  }
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    const e = Math.exp(out[k]! - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classCount; k++) out[k] = out[k]! / sum;
  return best;
}
