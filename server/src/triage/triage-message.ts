import { assessActionability } from './actionability.ts';
import { correctIntent } from './intent.ts';
import { detectLanguage } from './language.ts';
import type { TriageModels } from './models.ts';
import { predictText } from './predict-text.ts';
import { computePriority, defaultPrioritySettings, resolvePrioritySettings } from './priority.ts';
import { assessReach } from './reach.ts';
import { detectSignals } from './signals.ts';
import type { Priority, TriageInput, TriageResult, TriageSettings } from './types.ts';

const NO_PRIORITY: Priority = { score: 0, level: 'low', factors: [] };

export const defaultTriageSettings: TriageSettings = {
  ignoreReposts: true,
  ignoreLinkOnly: true,
  ignoreSpam: true,
  priority: defaultPrioritySettings,
};

/** Full triage of one inbound message: pure, deterministic, plain JSON out. */
export function triageMessage(
  models: TriageModels,
  input: TriageInput,
  overrides?: Partial<TriageSettings>,
): TriageResult {
  const settings = overrides ? { ...defaultTriageSettings, ...overrides } : defaultTriageSettings;
  const { sentiment, intent: classified } = predictText(models, input.text, overrides?.accountModel);
  const signals = detectSignals(input);
  const intent = correctIntent(classified, input.text, sentiment, signals);
  const actionable = assessActionability(input, sentiment, intent, signals, settings);
  const result: TriageResult = {
    sentiment,
    intent,
    actionable,
    signals,
    language: detectLanguage(input.text),
    reach: assessReach(input),
    priority: NO_PRIORITY,
  };
  if (overrides?.accountModel) result.accountModelVersion = overrides.accountModel.version;
  // Filled in place: copying the result with a spread costs more than the priority itself.
  result.priority = computePriority(result, input, resolvePrioritySettings(overrides?.priority));
  return result;
}
