import type { AccountModel } from './adapt/account-model.ts';
import { addHeadLogits } from './adapt/account-model.ts';
import { extractFeatures } from './features.ts';
import { classifyIntent, intentFromFeatures, intentFromProbabilities } from './intent.ts';
import { accumulateInto, softmaxInto } from './linear-model.ts';
import type { TriageModels } from './models.ts';
import { scorePaired } from './paired-scoring.ts';
import { touchWeightRows } from './quantised-scoring.ts';
import { sentimentFromFeatures, sentimentFromProbabilities } from './sentiment.ts';
import type { IntentResult, SentimentResult } from './types.ts';

/**
 * Both model predictions for one text, extracting features once when the models share them. An
 * account model (per-account correction layer) adds its logits to the shared models' before softmax.
 */
export function predictText(
  models: TriageModels,
  text: string,
  account?: AccountModel,
): { sentiment: SentimentResult; intent: IntentResult } {
  const { config, lexicon } = models.sentiment;
  const features = extractFeatures(text, config, models.scratch.features, lexicon);
  const { probabilities, intentSums } = models.scratch;
  const sentimentModel = models.sentiment.model;
  const intentModel = models.intent.model;
  if (models.paired) {
    scorePaired(models.paired, features, probabilities, intentSums);
    if (account?.sentiment) addHeadLogits(account.sentiment, features, probabilities, sentimentModel.scale);
    if (account?.intent) addHeadLogits(account.intent, features, intentSums, intentModel.scale);
    const sentiment = sentimentFromProbabilities(
      models,
      probabilities,
      softmaxInto(sentimentModel, probabilities),
    );
    const intent = intentFromProbabilities(models, intentSums, softmaxInto(intentModel, intentSums));
    return { sentiment, intent };
  }
  if (account) return predictAdaptedUnpaired(models, text, account);
  if (models.intentSharesFeatures) touchWeightRows(sentimentModel, intentModel, features);
  const sentiment = sentimentFromFeatures(models, features);
  const intent = models.intentSharesFeatures
    ? intentFromFeatures(models, features)
    : classifyIntent(models, text);
  return { sentiment, intent };
}

/** Models that cannot be paired: the same adaptation through the generic scoring loops. */
function predictAdaptedUnpaired(models: TriageModels, text: string, account: AccountModel) {
  const { config, lexicon } = models.sentiment;
  const features = extractFeatures(text, config, models.scratch.features, lexicon);
  const { probabilities, intentSums } = models.scratch;
  const sentimentModel = models.sentiment.model;
  accumulateInto(sentimentModel, features, probabilities);
  if (account.sentiment) addHeadLogits(account.sentiment, features, probabilities, sentimentModel.scale);
  const sentiment = sentimentFromProbabilities(
    models,
    probabilities,
    softmaxInto(sentimentModel, probabilities),
  );
  if (!models.intentSharesFeatures) return { sentiment, intent: classifyIntent(models, text) };
  const intentModel = models.intent.model;
  accumulateInto(intentModel, features, intentSums);
  if (account.intent) addHeadLogits(account.intent, features, intentSums, intentModel.scale);
  return {
    sentiment,
    intent: intentFromProbabilities(models, intentSums, softmaxInto(intentModel, intentSums)),
  };
}
