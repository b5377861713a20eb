import {
  createSparseVector,
  extractFeatures,
  type FeatureConfig,
  type Lexicon,
} from '../../../server/src/triage/features.ts';
import { type FloatLinearModel, predictInto } from '../../../server/src/triage/linear-model.ts';
import { createRng, shuffleInPlace } from './rng.ts';

export interface LabelledText {
  text: string;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** 0 = no class weighting, 1 = fully balanced (weight = n / (k * n_class)). */
  classWeightPower: number;
  seed: number;
  /** Called after each epoch; the epoch with the highest returned score is kept. */
  scoreEpoch?: (model: FloatLinearModel, epoch: number) => number;
  /** Score (and keep) the mean of the end-of-epoch weights instead of the last ones: smoother, less overfit. */
  averageEpochs?: boolean;
  onProgress?: (done: number) => void;
}

/** Multinomial logistic regression trained by AdaGrad over hashed sparse features (seeded order). */
export function trainLinear(
  examples: LabelledText[],
  classes: readonly string[],
  config: FeatureConfig,
  options: TrainOptions,
  lexicon?: Lexicon,
): { model: FloatLinearModel; bestEpoch: number; bestScore: number } {
  const k = classes.length;
  const size = (1 << config.bits) * k;
  const model: FloatLinearModel = {
    classes,
    weights: new Float32Array(size),
    bias: new Float32Array(k),
    bits: config.bits,
  };
  const squared = new Float32Array(size);
  const biasSquared = new Float64Array(k);
  const counts = new Array<number>(k).fill(0);
  for (const e of examples) counts[e.label]!++;
  const classWeight = counts.map((n) => (n ? (examples.length / (k * n)) ** options.classWeightPower : 0));
  const order = examples.slice();
  const random = createRng(options.seed);
  const features = createSparseVector();
  const probabilities = new Float64Array(k);
  const gradient = new Float64Array(k);
  let best = { weights: model.weights.slice(), bias: model.bias.slice(), epoch: 0, score: -Infinity };
  const lr = options.learningRate;
  const l2 = options.l2;
  let done = 0;
  const sumWeights = options.averageEpochs ? new Float32Array(size) : undefined;
  const sumBias = new Float64Array(k);

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const example of order) {
      extractFeatures(example.text, config, features, lexicon);
      predictInto(model, features, probabilities);
      const weight = classWeight[example.label]!;
      for (let c = 0; c < k; c++) gradient[c] = (probabilities[c]! - (c === example.label ? 1 : 0)) * weight;
      for (let j = 0; j < features.length; j++) {
        const base = features.indices[j]! * k;
        const value = features.values[j]!;
        for (let c = 0; c < k; c++) {
          const at = base + c;
          const w = model.weights[at]!;
          const g = gradient[c]! * value + l2 * w;
          const s = squared[at]! + g * g;
          squared[at] = s;
          model.weights[at] = w - (lr * g) / (Math.sqrt(s) + 1e-8);
        }
      }
      for (let c = 0; c < k; c++) {
        const g = gradient[c]!;
        biasSquared[c] = biasSquared[c]! + g * g;
        model.bias[c] = model.bias[c]! - (lr * g) / (Math.sqrt(biasSquared[c]!) + 1e-8);
      }
      if (++done % 1000 === 0) options.onProgress?.(done);
    }
    let candidate = model;
    if (sumWeights) {
      const averaged: FloatLinearModel = {
        classes,
        weights: new Float32Array(size),
        bias: new Float32Array(k),
        bits: config.bits,
      };
      for (let i = 0; i < size; i++) {
        sumWeights[i] = sumWeights[i]! + model.weights[i]!;
        averaged.weights[i] = sumWeights[i]! / epoch;
      }
      for (let c = 0; c < k; c++) {
        sumBias[c] = sumBias[c]! + model.bias[c]!;
        averaged.bias[c] = sumBias[c]! / epoch;
      }
      candidate = averaged;
    }
    const score = options.scoreEpoch ? options.scoreEpoch(candidate, epoch) : epoch;
    if (score > best.score) {
      best = { weights: candidate.weights.slice(), bias: candidate.bias.slice(), epoch, score };
    }
  }
  options.onProgress?.(done);
  return {
    model: { classes, weights: best.weights, bias: best.bias, bits: config.bits },
    bestEpoch: best.epoch,
    bestScore: best.score,
  };
}

export function predictAll(
  model: FloatLinearModel,
  texts: string[],
  config: FeatureConfig,
  lexicon?: Lexicon,
): number[] {
  const features = createSparseVector();
  const probabilities = new Float64Array(model.classes.length);
  return texts.map((text) =>
    predictInto(model, extractFeatures(text, config, features, lexicon), probabilities),
  );
}
