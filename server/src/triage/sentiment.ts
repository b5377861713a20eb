import { extractFeatures, type SparseVector } from './features.ts';
import { predictInto } from './linear-model.ts';
import type { TriageModels } from './models.ts';
import type { SentimentLabel, SentimentResult } from './types.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Sentiment from features already extracted with the sentiment model's config. */
export function sentimentFromFeatures(models: TriageModels, features: SparseVector): SentimentResult {
  const { model } = models.sentiment;
  const probabilities = models.scratch.probabilities;
  return sentimentFromProbabilities(models, probabilities, predictInto(model, features, probabilities));
}

/** The result for probabilities already computed in the sentiment model's class order. */
export function sentimentFromProbabilities(
  models: TriageModels,
  probabilities: Float64Array,
  best: number,
): SentimentResult {
  const { model } = models.sentiment;
  const probs: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  for (let k = 0; k < model.classes.length; k++)
    probs[model.classes[k] as SentimentLabel] = round3(probabilities[k]!);
  return {
    label: model.classes[best] as SentimentLabel,
    score: round3(probs.positive - probs.negative),
    probabilities: probs,
  };
}

export function predictSentiment(models: TriageModels, text: string): SentimentResult {
  const { config, lexicon } = models.sentiment;
  return sentimentFromFeatures(models, extractFeatures(text, config, models.scratch.features, lexicon));
}
