import type { SparseVector } from './features.ts';

/**
 * Multinomial logistic regression over hashed features. Weights are feature-major (index * classes + class)
 * and kept int16-quantised in memory: half the cache footprint of float32, and cache misses dominate.
 */
export interface LinearModel {
  classes: readonly string[];
  weights: Int16Array;
  scale: number;
  bias: Float32Array;
  bits: number;
}

/** Float weights as used while training; `quantise` turns them into a LinearModel. */
export interface FloatLinearModel {
  classes: readonly string[];
  weights: Float32Array;
  bias: Float32Array;
  bits: number;
}

export function quantise(model: FloatLinearModel): LinearModel {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const weights = new Int16Array(model.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.round(model.weights[i]! / scale);
  return { classes: model.classes, weights, scale, bias: model.bias, bits: model.bits };
}

/**
 * Writes class probabilities (softmax) into `out` and returns the index of the best class. Feature
 * indices are masked to the model's size, so a smaller model can reuse features hashed for a larger one.
 */
export function predictInto(
  model: LinearModel | FloatLinearModel,
  features: SparseVector,
  out: Float64Array,
): number {
  const classCount = model.classes.length;
  if (classCount === 3) accumulateThree(model, features, out);
  else accumulate(model, features, out);
  const scale = 'scale' in model ? model.scale : 1;
  let best = 0;
  for (let k = 0; k < classCount; k++) {
    out[k] = out[k]! * scale + model.bias[k]!;
    if (out[k]! > out[best]!) best = k;
  }
  const max = out[best]!;
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    const e = Math.exp(out[k]! - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classCount; k++) out[k] = out[k]! / sum;
  return best;
}

/** Sums four classes per pass so the partial sums stay in registers (a loop over `out` is ~3x slower). */
function accumulate(model: LinearModel | FloatLinearModel, features: SparseVector, out: Float64Array): void {
  const classCount = model.classes.length;
  const mask = (1 << model.bits) - 1;
  const { indices, values } = features;
  const weights = model.weights;
  const count = features.length;
  let k = 0;
  for (; k + 4 <= classCount; k += 4) {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let j = 0; j < count; j++) {
      const base = (indices[j]! & mask) * classCount + k;
      const value = values[j]!;
      a += value * weights[base]!;
      b += value * weights[base + 1]!;
      c += value * weights[base + 2]!;
      d += value * weights[base + 3]!;
    }
    out[k] = a;
    out[k + 1] = b;
    out[k + 2] = c;
    out[k + 3] = d;
  }
  for (; k < classCount; k++) {
    let a = 0;
    for (let j = 0; j < count; j++) a += values[j]! * weights[(indices[j]! & mask) * classCount + k]!;
    out[k] = a;
  }
}

/** The sentiment case, unrolled: keeps the three sums in registers. */
function accumulateThree(
  model: LinearModel | FloatLinearModel,
  features: SparseVector,
  out: Float64Array,
): void {
  const mask = (1 << model.bits) - 1;
  const { indices, values } = features;
  const weights = model.weights;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let j = 0; j < features.length; j++) {
    const base = (indices[j]! & mask) * 3;
    const value = values[j]!;
    a += value * weights[base]!;
    b += value * weights[base + 1]!;
    c += value * weights[base + 2]!;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}
