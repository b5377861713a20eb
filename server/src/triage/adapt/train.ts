import { extractFeatures, type SparseVector } from '../features.ts';
import { accumulateInto } from '../linear-model.ts';
import type { TriageModels } from '../models.ts';
import {
  type AccountModel,
  type AdapterHead,
  type AdapterHeadName,
  addHeadLogits,
  createHead,
  headRowCount,
} from './account-model.ts';

/** A corrected label for a text (the latest correction of that field for that message). */
export interface AdaptationExample {
  text: string;
  label: string;
}

export interface AdaptationData {
  sentiment: AdaptationExample[];
  intent: AdaptationExample[];
  /** Texts of the account's uncorrected messages: the adapted model should keep their predictions. */
  anchors: string[];
}

export interface AdaptationOptions {
  /** Fewer corrections than this for a head: that head is not trained. */
  minCorrections: number;
  folds: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of an anchor (soft target: the shared model's probabilities) relative to a correction. */
  anchorWeight: number;
  /** Anchors used per correction (at most). */
  anchorsPerCorrection: number;
  /** Even with a net gain, at most 1 − this share of held-out anchors may change label. */
  minAnchorAgreement: number;
  seed: number;
}

export const defaultAdaptationOptions: AdaptationOptions = {
  minCorrections: 12,
  folds: 5,
  epochs: 30,
  learningRate: 0.4,
  l2: 1e-2,
  anchorWeight: 0.5,
  anchorsPerCorrection: 2,
  minAnchorAgreement: 0.75,
  seed: 7,
};

export interface HeadReport {
  head: AdapterHeadName;
  corrections: number;
  accepted: boolean;
  reason: string;
  /** Cross-validated on the account's own corrections (each fold trained without it). */
  heldOut?: {
    sharedAccuracy: number;
    adaptedAccuracy: number;
    anchorAgreement: number;
    anchors: number;
  };
  rows?: number;
}

export interface AdaptationReport {
  heads: HeadReport[];
  anchors: number;
}

interface Prepared {
  features: SparseVector;
  logits: Float64Array;
  target: Float64Array;
  weight: number;
  label: number;
}

const argmax = (xs: ArrayLike<number>) => {
  let best = 0;
  for (let k = 1; k < xs.length; k++) if (xs[k]! > xs[best]!) best = k;
  return best;
};

function softmax(xs: Float64Array): Float64Array {
  const max = xs[argmax(xs)]!;
  let sum = 0;
  const out = new Float64Array(xs.length);
  for (let k = 0; k < xs.length; k++) sum += out[k] = Math.exp(xs[k]! - max);
  for (let k = 0; k < xs.length; k++) out[k] = out[k]! / sum;
  return out;
}

/** Word features and the shared model's logits for one text. */
function prepare(
  models: TriageModels,
  head: AdapterHeadName,
  text: string,
): Omit<Prepared, 'target' | 'weight' | 'label'> {
  const { config, lexicon } = models.sentiment;
  const scratch = extractFeatures(text, config, models.scratch.features, lexicon);
  const model = models[head].model;
  const logits = new Float64Array(model.classes.length);
  accumulateInto(model, scratch, logits);
  for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! * model.scale + model.bias[k]!;
  const n = scratch.wordCount ?? 0;
  const features: SparseVector = {
    indices: scratch.indices.slice(0, n),
    values: scratch.values.slice(0, n),
    length: n,
    wordCount: n,
  };
  return { features, logits };
}

function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Multinomial logistic regression on top of the shared logits, AdaGrad with L2, starting from zero. */
function trainHead(
  classes: readonly string[],
  examples: Prepared[],
  options: AdaptationOptions,
): AdapterHead {
  const classCount = classes.length;
  const bias = new Float64Array(classCount);
  const biasG = new Float64Array(classCount);
  const rows = new Map<number, { w: Float64Array; g: Float64Array }>();
  const random = rng(options.seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(classCount);
  const grad = new Float64Array(classCount);
  const { learningRate: lr, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const ex = examples[i]!;
      const { indices, values, length } = ex.features;
      for (let k = 0; k < classCount; k++) z[k] = ex.logits[k]! + bias[k]!;
      for (let j = 0; j < length; j++) {
        const row = rows.get(indices[j]!);
        if (row) for (let k = 0; k < classCount; k++) z[k] = z[k]! + values[j]! * row.w[k]!;
      }
      const p = softmax(z);
      for (let k = 0; k < classCount; k++) grad[k] = ex.weight * (p[k]! - ex.target[k]!);
      for (let k = 0; k < classCount; k++) {
        const g = grad[k]! + l2 * bias[k]!;
        biasG[k] = biasG[k]! + g * g;
        bias[k] = bias[k]! - (lr * g) / Math.sqrt(biasG[k]! + 1e-8);
      }
      for (let j = 0; j < length; j++) {
        let row = rows.get(indices[j]!);
        if (!row) {
          row = { w: new Float64Array(classCount), g: new Float64Array(classCount) };
          rows.set(indices[j]!, row);
        }
        for (let k = 0; k < classCount; k++) {
          const g = values[j]! * grad[k]! + l2 * row.w[k]!;
          if (g === 0) continue;
          row.g[k] = row.g[k]! + g * g;
          row.w[k] = row.w[k]! - (lr * g) / Math.sqrt(row.g[k]!);
        }
      }
    }
  }
  const kept = new Map<number, Float64Array>();
  for (const [index, row] of rows) if (row.w.some((w) => Math.abs(w) >= 1e-4)) kept.set(index, row.w);
  return createHead(classes, bias, kept);
}

function adaptedLabel(head: AdapterHead, ex: Prepared): number {
  const z = Float64Array.from(ex.logits);
  addHeadLogits(head, ex.features, z);
  return argmax(z);
}

/**
 * Learns the account's correction layer for each head with enough corrections, after checking it by
 * cross-validation on the account's own messages: trained without a fold, the head must get more of
 * that fold's corrections right than the shared model, by more than the uncorrected messages (anchors)
 * of the fold whose label it changes, and keep at least `minAnchorAgreement` of those labels.
 */
export function trainAccountModel(
  models: TriageModels,
  data: AdaptationData,
  version: number,
  overrides: Partial<AdaptationOptions> = {},
  onProgress?: (done: number, total: number) => void,
): { model: AccountModel | undefined; report: AdaptationReport } {
  const options = { ...defaultAdaptationOptions, ...overrides };
  const heads: AdapterHeadName[] = ['sentiment', 'intent'];
  const total = heads.length * (options.folds + 1);
  let done = 0;
  const step = (n = 1) => {
    done += n;
    onProgress?.(done, total);
  };
  const model: AccountModel = { version };
  const report: AdaptationReport = { heads: [], anchors: data.anchors.length };
  for (const head of heads) {
    const classes = models[head].model.classes;
    const corrections: Prepared[] = [];
    for (const { text, label } of data[head]) {
      const index = classes.indexOf(label);
      if (index < 0 || !text) continue;
      const target = new Float64Array(classes.length);
      target[index] = 1;
      corrections.push({ ...prepare(models, head, text), target, weight: 1, label: index });
    }
    if (corrections.length < options.minCorrections) {
      report.heads.push({
        head,
        corrections: corrections.length,
        accepted: false,
        reason: `needs at least ${options.minCorrections} corrections`,
      });
      step(options.folds + 1);
      continue;
    }
    const anchors: Prepared[] = data.anchors
      .slice(0, corrections.length * options.anchorsPerCorrection)
      .map((text) => {
        const prepared = prepare(models, head, text);
        const target = softmax(prepared.logits);
        return { ...prepared, target, weight: options.anchorWeight, label: argmax(target) };
      });
    let sharedRight = 0;
    let adaptedRight = 0;
    let anchorKept = 0;
    const foldOf = (i: number, n: number) => Math.floor((i * options.folds) / n);
    for (let fold = 0; fold < options.folds; fold++) {
      const train = [
        ...corrections.filter((_, i) => foldOf(i, corrections.length) !== fold),
        ...anchors.filter((_, i) => foldOf(i, anchors.length) !== fold),
      ];
      const trained = trainHead(classes, train, options);
      corrections.forEach((ex, i) => {
        if (foldOf(i, corrections.length) !== fold) return;
        if (argmax(ex.logits) === ex.label) sharedRight++;
        if (adaptedLabel(trained, ex) === ex.label) adaptedRight++;
      });
      anchors.forEach((ex, i) => {
        if (foldOf(i, anchors.length) === fold && adaptedLabel(trained, ex) === ex.label) anchorKept++;
      });
      step();
    }
    const heldOut = {
      sharedAccuracy: round3(sharedRight / corrections.length),
      adaptedAccuracy: round3(adaptedRight / corrections.length),
      anchorAgreement: anchors.length ? round3(anchorKept / anchors.length) : 1,
      anchors: anchors.length,
    };
    // Uncorrected messages count as confirmed by the agents: the head must win more held-out
    // corrections than it loses held-out anchors.
    const better = adaptedRight - sharedRight > anchors.length - anchorKept;
    const stable = heldOut.anchorAgreement >= options.minAnchorAgreement;
    if (!better || !stable) {
      report.heads.push({
        head,
        corrections: corrections.length,
        accepted: false,
        reason: !better
          ? 'no better than the shared model on held-out corrections and uncorrected messages'
          : `changes too many uncorrected messages (${heldOut.anchorAgreement} kept)`,
        heldOut,
      });
      step();
      continue;
    }
    const final = trainHead(classes, [...corrections, ...anchors], options);
    model[head] = final;
    report.heads.push({
      head,
      corrections: corrections.length,
      accepted: true,
      reason: 'better on held-out corrections and uncorrected messages',
      heldOut,
      rows: headRowCount(final),
    });
    step();
  }
  return { model: model.sentiment || model.intent ? model : undefined, report };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
