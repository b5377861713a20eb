import { extractFeatures } from './features.ts';
import { classifyIntent, intentFromFeatures, intentFromProbabilities } from './intent.ts';
import { softmaxInto } from './linear-model.ts';
import type { TriageModels } from './models.ts';
import { scorePaired } from './paired-scoring.ts';
import { touchWeightRows } from './quantised-scoring.ts';
import { sentimentFromFeatures, sentimentFromProbabilities } from './sentiment.ts';
import type { IntentResult, SentimentResult } from './types.ts';

/** Both model predictions for one text, extracting features once when the models share them. */
export function predictText(
  models: TriageModels,
  text: string,
): { sentiment: SentimentResult; intent: IntentResult } {
  const { config, lexicon } = models.sentiment;
  const features = extractFeatures(text, config, models.scratch.features, lexicon);
  if (models.paired) {
    const { probabilities, intentSums } = models.scratch;
    scorePaired(models.paired, features, probabilities, intentSums);
    const sentiment = sentimentFromProbabilities(
      models,
      probabilities,
      softmaxInto(models.sentiment.model, probabilities),
    );
    const intent = intentFromProbabilities(models, intentSums, softmaxInto(models.intent.model, intentSums));
    return { sentiment, intent };
  }
  if (models.intentSharesFeatures) touchWeightRows(models.sentiment.model, models.intent.model, features);
  const sentiment = sentimentFromFeatures(models, features);
  const intent = models.intentSharesFeatures
    ? intentFromFeatures(models, features)
    : classifyIntent(models, text);
  return { sentiment, intent };
}
