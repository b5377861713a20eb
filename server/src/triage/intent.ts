import { extractFeatures, type SparseVector } from './features.ts';
import { predictInto } from './linear-model.ts';
import type { TriageModels } from './models.ts';
import { hasSignal } from './signals.ts';
import type { IntentLabel, IntentResult, SentimentResult, Signal } from './types.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function intentFromFeatures(models: TriageModels, features: SparseVector): IntentResult {
  const { model } = models.intent;
  const probabilities = models.scratch.probabilities;
  return intentFromProbabilities(models, probabilities, predictInto(model, features, probabilities));
}

export function intentFromProbabilities(
  models: TriageModels,
  probabilities: Float64Array,
  best: number,
): IntentResult {
  const { model } = models.intent;
  return { label: model.classes[best] as IntentLabel, confidence: round3(probabilities[best]!) };
}

/** The classifier alone (what eval measures on the held-out intent splits). */
export function classifyIntent(models: TriageModels, text: string): IntentResult {
  const { config, lexicon } = models.intent;
  return intentFromFeatures(models, extractFeatures(text, config, models.scratch.features, lexicon));
}

const GENERIC: ReadonlySet<IntentLabel> = new Set([
  'other',
  'feedback',
  'praise',
  'complaint',
  'product_question',
]);

/**
 * The labelled sets are clean assistant queries with little outage, praise or complaint data, so the
 * classifier is corrected by the outage signal and strong sentiment when it has no specific intent.
 */
export function correctIntent(
  intent: IntentResult,
  text: string,
  sentiment: SentimentResult,
  signals: Signal[],
): IntentResult {
  if (hasSignal(signals, 'outage') && (GENERIC.has(intent.label) || intent.confidence < 0.6)) {
    return { label: 'technical_outage', confidence: Math.max(0.6, intent.confidence) };
  }
  if (!GENERIC.has(intent.label) && intent.confidence >= 0.5) return intent;
  const { negative, positive } = sentiment.probabilities;
  if (positive >= 0.6 && !text.includes('?')) return { label: 'praise', confidence: positive };
  if (negative >= 0.6) return { label: 'complaint', confidence: negative };
  return intent;
}
