import type {
  Priority,
  PriorityFactor,
  PriorityLevel,
  PrioritySettings,
  SignalKind,
  TriageInput,
  TriageResult,
} from './types.ts';

export const defaultPrioritySettings: PrioritySettings = {
  weights: {
    base: 20,
    negativeSentiment: 25,
    positiveSentiment: -8,
    reach: 25,
    viralRisk: 15,
    verified: 5,
    vip: 15,
    isPublic: 5,
    legal: 30,
    safety: 35,
    outage: 15,
    churn: 15,
    repeatContact: 15,
    escalation: 12,
    shouting: 6,
    waitingPerHour: 5,
    waitingMax: 20,
    intent: {
      complaint: 8,
      technical_outage: 8,
      cancellation: 10,
      billing_payment: 5,
      refund_return: 5,
      praise: -10,
      other: -5,
    },
    notActionable: -40,
  },
  thresholds: { urgent: 75, high: 55, normal: 30 },
};

/** Per-account overrides are shallow per group, so `{ weights: { legal: 50 } }` keeps the other defaults. */
export function resolvePrioritySettings(overrides?: Partial<PrioritySettings>): PrioritySettings {
  if (!overrides || overrides === defaultPrioritySettings) return defaultPrioritySettings;
  const base = defaultPrioritySettings;
  return {
    weights: {
      ...base.weights,
      ...overrides.weights,
      intent: { ...base.weights.intent, ...overrides.weights?.intent },
    },
    thresholds: { ...base.thresholds, ...overrides.thresholds },
  };
}

const SIGNAL_WEIGHT: Partial<Record<SignalKind, keyof PrioritySettings['weights']>> = {
  legal_threat: 'legal',
  regulatory_threat: 'legal',
  safety: 'safety',
  outage: 'outage',
  churn: 'churn',
  escalation: 'escalation',
  shouting: 'shouting',
};

function isWeightCountedBefore(signals: TriageResult['signals'], end: number, key: string): boolean {
  for (let i = 0; i < end; i++) if (SIGNAL_WEIGHT[signals[i]!.kind] === key) return true;
  return false;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
// toLocaleString goes through Intl and costs more than the rest of the priority computation.
function withThousands(n: number): string {
  const digits = String(Math.round(n));
  return digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function addFactor(factors: PriorityFactor[], name: string, contribution: number, detail: string): void {
  if (contribution !== 0) factors.push({ name, contribution: round1(contribution), detail });
}

export function levelFor(score: number, thresholds: PrioritySettings['thresholds']): PriorityLevel {
  if (score >= thresholds.urgent) return 'urgent';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.normal) return 'normal';
  return 'low';
}

/** Additive points per factor, clamped to 0..100; every non-zero factor is listed with its reason. */
export function computePriority(
  result: Omit<TriageResult, 'priority'>,
  input: TriageInput,
  overrides?: Partial<PrioritySettings>,
): Priority {
  const { weights, thresholds } = resolvePrioritySettings(overrides);
  const factors: PriorityFactor[] = [];
  const p = result.sentiment.probabilities;
  addFactor(factors, 'base', weights.base, 'starting score');
  addFactor(
    factors,
    'negative_sentiment',
    weights.negativeSentiment * p.negative,
    `negative sentiment (${Math.round(p.negative * 100)}%)`,
  );
  addFactor(
    factors,
    'positive_sentiment',
    weights.positiveSentiment * p.positive,
    `positive sentiment (${Math.round(p.positive * 100)}%)`,
  );
  const reach = result.reach;
  addFactor(
    factors,
    'reach',
    weights.reach * reach.score,
    `audience of ${withThousands(reach.followerCount)} followers`,
  );
  addFactor(factors, 'viral_risk', weights.viralRisk * reach.viralRisk, 'engagement is growing fast');
  if (reach.isVerified) addFactor(factors, 'verified', weights.verified, 'verified author');
  if (input.author.isVip) addFactor(factors, 'vip', weights.vip, 'VIP customer');
  if (reach.isPublic) addFactor(factors, 'public', weights.isPublic, 'posted in public');
  // Signals are few: a scan of the earlier ones is cheaper than a Set.
  const signals = result.signals;
  for (let i = 0; i < signals.length; i++) {
    const signal = signals[i]!;
    const key = SIGNAL_WEIGHT[signal.kind];
    if (!key || isWeightCountedBefore(signals, i, key)) continue;
    addFactor(
      factors,
      signal.kind,
      weights[key] as number,
      `${signal.kind.replace('_', ' ')}: "${signal.evidence}"`,
    );
  }
  const prior = input.priorInboundCount ?? 0;
  if (prior > 0)
    addFactor(
      factors,
      'repeat_contact',
      (weights.repeatContact * Math.min(prior, 3)) / 3,
      `${prior} earlier messages`,
    );
  const hours = (input.minutesWaiting ?? 0) / 60;
  if (hours > 0)
    addFactor(
      factors,
      'waiting',
      Math.min(weights.waitingMax, weights.waitingPerHour * hours),
      `waiting ${round1(hours)} h`,
    );
  const intentWeight = weights.intent[result.intent.label] ?? 0;
  addFactor(factors, 'intent', intentWeight * result.intent.confidence, `intent ${result.intent.label}`);
  if (!result.actionable.isActionable)
    addFactor(
      factors,
      'not_actionable',
      weights.notActionable,
      `no answer needed (${result.actionable.reason})`,
    );

  let raw = 0;
  for (const factor of factors) raw += factor.contribution;
  const score = round1(Math.min(100, Math.max(0, raw)));
  factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { score, level: levelFor(score, thresholds), factors };
}
