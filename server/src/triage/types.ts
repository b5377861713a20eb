import type { AccountModel } from './adapt/account-model.ts';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const INTENT_LABELS = [
  'order_status',
  'delivery',
  'refund_return',
  'billing_payment',
  'account_login',
  'cancellation',
  'technical_outage',
  'product_question',
  'complaint',
  'praise',
  'feedback',
  'other',
] as const;
export type IntentLabel = (typeof INTENT_LABELS)[number];

export const PRIORITY_LEVELS = ['urgent', 'high', 'normal', 'low'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export type SignalKind =
  | 'legal_threat'
  | 'regulatory_threat'
  | 'safety'
  | 'outage'
  | 'churn'
  | 'repeat_contact'
  | 'escalation'
  | 'shouting'
  | 'long_wait';

export interface EngagementCounts {
  likes?: number;
  reposts?: number;
  replies?: number;
}

export interface TriageInput {
  text: string;
  isPublic: boolean;
  provider: string;
  author: { followerCount?: number; isVerified?: boolean; isVip?: boolean };
  engagement?: EngagementCounts;
  /** An earlier observation of the same post's engagement, `minutesAgo` before `engagement`. */
  previousEngagement?: EngagementCounts & { minutesAgo: number };
  isRepost?: boolean;
  /** Customer messages already in this conversation or recent contacts about it. */
  priorInboundCount?: number;
  minutesWaiting?: number;
}

export interface Signal {
  kind: SignalKind;
  evidence: string;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** P(positive) - P(negative), in [-1, 1]. */
  score: number;
  probabilities: Record<SentimentLabel, number>;
}

export interface IntentResult {
  label: IntentLabel;
  confidence: number;
}

export interface ActionabilityResult {
  isActionable: boolean;
  reason: string;
}

export interface ReachResult {
  /** 0..1, log-scaled audience and engagement. */
  score: number;
  followerCount: number;
  isVerified: boolean;
  isPublic: boolean;
  /** 0..1, from engagement growth per hour between two observations. */
  viralRisk: number;
}

export interface PriorityFactor {
  name: string;
  contribution: number;
  detail: string;
}

export interface Priority {
  score: number;
  level: PriorityLevel;
  factors: PriorityFactor[];
}

export interface TriageResult {
  sentiment: SentimentResult;
  intent: IntentResult;
  actionable: ActionabilityResult;
  signals: Signal[];
  /** ISO 639-1 code, or 'und' when too short or unclear. */
  language: string;
  reach: ReachResult;
  priority: Priority;
  /** Version of the account model that adjusted sentiment and intent, when there was one. */
  accountModelVersion?: number;
}

export interface PrioritySettings {
  /** Points per factor; the score is their sum, clamped to 0..100. */
  weights: {
    base: number;
    negativeSentiment: number;
    positiveSentiment: number;
    reach: number;
    viralRisk: number;
    verified: number;
    vip: number;
    isPublic: number;
    legal: number;
    safety: number;
    outage: number;
    churn: number;
    repeatContact: number;
    escalation: number;
    shouting: number;
    waitingPerHour: number;
    waitingMax: number;
    intent: Partial<Record<IntentLabel, number>>;
    notActionable: number;
  };
  /** Minimum score for each level; below `normal` is low. */
  thresholds: { urgent: number; high: number; normal: number };
}

export interface TriageSettings {
  /**
   * The account's correction layer (adapt/), learnt from its agents' corrections. Not part of the
   * stored settings: the pipeline loads it per account from triage_account_models.
   */
  accountModel?: AccountModel;
  /** Retweets / reposts without own text never become cases when true. */
  ignoreReposts: boolean;
  ignoreLinkOnly: boolean;
  ignoreSpam: boolean;
  priority: PrioritySettings;
}
