// Simulated account retraining (docs/triage.md): a stream of labelled tweets the shared model never
// trained on plays an account's inbound messages. Agents correct the model's mistakes as they meet
// them (the first B wrong predictions in stream order), the account model is trained from those
// corrections with the same job the server runs, and both models are scored on the later messages.
import {
  type AdaptationOptions,
  type TriageModels,
  trainAccountModel,
  triageMessage,
} from '../../../server/src/triage/index.ts';
import { predictSentiment } from '../../../server/src/triage/sentiment.ts';
import { classificationReport } from './metrics.ts';
import { createRng, shuffleInPlace } from './rng.ts';
import { SENTIMENT_CLASSES } from './sentiment-data.ts';
import type { LabelledText } from './train-linear.ts';

export interface SimulationRow {
  corrections: number;
  accepted: boolean;
  reason: string;
  heldOut?: { sharedAccuracy: number; adaptedAccuracy: number; anchorAgreement: number };
  future: {
    shared: { accuracy: number; macroRecall: number };
    adapted: { accuracy: number; macroRecall: number };
  };
  seconds: number;
}

export function simulateAccountRetraining(
  models: TriageModels,
  stream: LabelledText[],
  budgets: number[],
  sizes = { history: 4000, future: 2000 },
  options: Partial<AdaptationOptions> = {},
): { rows: SimulationRow[]; future: number } {
  const shuffled = shuffleInPlace([...stream], createRng(11)).slice(0, sizes.history + sizes.future);
  const history = shuffled.slice(0, sizes.history);
  const future = shuffled.slice(sizes.history);
  const sharedLabel = (text: string) => SENTIMENT_CLASSES.indexOf(predictSentiment(models, text).label);
  const historyPredictions = history.map((h) => sharedLabel(h.text));
  const gold = future.map((f) => f.label);
  const sharedFuture = classificationReport(
    SENTIMENT_CLASSES,
    gold,
    future.map((f) => sharedLabel(f.text)),
  );
  const rows: SimulationRow[] = [];
  for (const budget of budgets) {
    const wrong = history.map((_, i) => i).filter((i) => historyPredictions[i] !== history[i]!.label);
    const corrected = wrong.slice(0, budget);
    const last = corrected.at(-1) ?? 0;
    const correctedSet = new Set(corrected);
    const anchors = history
      .slice(0, last + 1)
      .filter((_, i) => !correctedSet.has(i))
      .map((h) => h.text)
      .reverse();
    const started = performance.now();
    const { model, report } = trainAccountModel(
      models,
      {
        sentiment: corrected.map((i) => ({
          text: history[i]!.text,
          label: SENTIMENT_CLASSES[history[i]!.label]!,
        })),
        intent: [],
        anchors: anchors.slice(0, 400),
      },
      1,
      options,
    );
    const seconds = (performance.now() - started) / 1000;
    const head = report.heads.find((h) => h.head === 'sentiment')!;
    const adapted = classificationReport(
      SENTIMENT_CLASSES,
      gold,
      future.map((f) =>
        SENTIMENT_CLASSES.indexOf(
          triageMessage(
            models,
            { text: f.text, isPublic: true, provider: 'x', author: {} },
            { accountModel: model },
          ).sentiment.label,
        ),
      ),
    );
    rows.push({
      corrections: corrected.length,
      accepted: head.accepted,
      reason: head.reason,
      ...(head.heldOut ? { heldOut: head.heldOut } : {}),
      future: {
        shared: { accuracy: sharedFuture.accuracy, macroRecall: sharedFuture.macroRecall },
        adapted: { accuracy: adapted.accuracy, macroRecall: adapted.macroRecall },
      },
      seconds,
    });
  }
  return { rows, future: future.length };
}
