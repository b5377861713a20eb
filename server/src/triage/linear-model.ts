import type { SparseVector } from './features.ts';
import { accumulateThreeQuantised, accumulateTwelveQuantised } from './quantised-scoring.ts';

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
  accumulateInto(model, features, out);
  return softmaxInto(model, out);
}

/** Raw weight sums per class (before scale, bias and softmax) into `out`. */
export function accumulateInto(
  model: LinearModel | FloatLinearModel,
  features: SparseVector,
  out: Float64Array,
): void {
  const classCount = model.classes.length;
  if ('scale' in model && classCount === 3) accumulateThreeQuantised(model, features, out);
  else if ('scale' in model && classCount === 12) accumulateTwelveQuantised(model, features, out);
  else if (classCount === 3) accumulateThree(model, features, out);
  else if (classCount === 12) accumulateTwelve(model, features, out);
  else accumulate(model, features, out);
}

/** Turns the weight sums in `out` into probabilities (scale, bias, softmax); returns the best class. */
export function softmaxInto(model: LinearModel | FloatLinearModel, out: Float64Array): number {
  const classCount = model.classes.length;
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

/** The intent case (12 classes) in one pass: each feature's 24 bytes of weights are read once. */
function accumulateTwelve(
  model: LinearModel | FloatLinearModel,
  features: SparseVector,
  out: Float64Array,
): void {
  const mask = (1 << model.bits) - 1;
  const { indices, values } = features;
  const w = model.weights;
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
  for (let j = 0; j < features.length; j++) {
    const b = (indices[j]! & mask) * 12;
    const v = values[j]!;
    s0 += v * w[b]!;
    s1 += v * w[b + 1]!;
    s2 += v * w[b + 2]!;
    s3 += v * w[b + 3]!;
    s4 += v * w[b + 4]!;
    s5 += v * w[b + 5]!;
    s6 += v * w[b + 6]!;
    s7 += v * w[b + 7]!;
    s8 += v * w[b + 8]!;
    s9 += v * w[b + 9]!;
    s10 += v * w[b + 10]!;
    s11 += v * w[b + 11]!;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
  out[8] = s8;
  out[9] = s9;
  out[10] = s10;
  out[11] = s11;
}
