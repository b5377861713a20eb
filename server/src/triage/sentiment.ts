import { extractFeatures } from './features.ts';
import { predictInto } from './linear-model.ts';
import type { TriageModels } from './models.ts';
import type { SentimentLabel, SentimentResult } from './types.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function predictSentiment(models: TriageModels, text: string): SentimentResult {
  const { model, config, lexicon } = models.sentiment;
  const { features, probabilities } = models.scratch;
  const best = predictInto(model, extractFeatures(text, config, features, lexicon), probabilities);
  const byLabel: Record<string, number> = {};
  model.classes.forEach((label, k) => {
    byLabel[label] = round3(probabilities[k]!);
  });
  const probs = byLabel as Record<SentimentLabel, number>;
  return {
    label: model.classes[best] as SentimentLabel,
    score: round3(probs.positive - probs.negative),
    probabilities: probs,
  };
}
