// SLA policies as editable data: ordered rules matched on channel, visibility and priority (first
// match wins), a business-hours calendar, an at-risk share and per-priority target factors.
import type { Priority } from '../priority.ts';
import { ALWAYS_OPEN_CALENDAR_ID } from './calendar.ts';

/** The platform a conversation arrived on (mirrors the channel providers). */
export type SlaChannel =
  | 'x'
  | 'instagram'
  | 'facebook'
  | 'messenger'
  | 'whatsapp'
  | 'email'
  | 'webchat'
  | 'api';
export type Visibility = 'public' | 'private';
export type SlaMetric = 'first_response' | 'next_response' | 'resolution';

/** Targets in business milliseconds; null means the metric is not measured. */
export interface SlaTargets {
  firstResponseMs: number | null;
  nextResponseMs: number | null;
  resolutionMs: number | null;
}

export interface SlaRule {
  name: string;
  /** Omitted fields match anything. */
  match: { channels?: SlaChannel[]; visibility?: Visibility; priorities?: Priority[] };
  targets: SlaTargets;
}

export interface SlaPolicy {
  id: string;
  name: string;
  calendarId: string;
  /** Share of a target after which a running clock is "at risk" (0 < share < 1). */
  atRiskShare: number;
  /** Multiplies targets by priority, unless the matching rule names priorities itself. */
  priorityFactors: Record<Priority, number>;
  rules: SlaRule[];
}

export interface SlaSubject {
  channel: SlaChannel;
  visibility: Visibility;
  priority: Priority;
}

export interface ResolvedTargets extends SlaTargets {
  ruleName: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const PRIVATE_CHANNELS: SlaChannel[] = ['messenger', 'instagram', 'whatsapp', 'x', 'webchat'];

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  id: 'default',
  name: 'Default social care SLA',
  calendarId: ALWAYS_OPEN_CALENDAR_ID,
  atRiskShare: 0.75,
  priorityFactors: { urgent: 0.5, high: 0.75, normal: 1, low: 1 },
  rules: [
    {
      name: 'X and Instagram comments and mentions',
      match: { channels: ['x', 'instagram'], visibility: 'public' },
      targets: { firstResponseMs: 60 * MINUTE, nextResponseMs: 60 * MINUTE, resolutionMs: 24 * HOUR },
    },
    {
      name: 'Facebook comments',
      match: { channels: ['facebook'], visibility: 'public' },
      targets: { firstResponseMs: 6 * HOUR, nextResponseMs: 6 * HOUR, resolutionMs: 48 * HOUR },
    },
    {
      name: 'Private messages',
      match: { channels: PRIVATE_CHANNELS, visibility: 'private' },
      targets: { firstResponseMs: 2 * HOUR, nextResponseMs: 2 * HOUR, resolutionMs: 24 * HOUR },
    },
    {
      name: 'Email',
      match: { channels: ['email'] },
      targets: { firstResponseMs: 24 * HOUR, nextResponseMs: 24 * HOUR, resolutionMs: 72 * HOUR },
    },
    {
      name: 'Everything else',
      match: {},
      targets: { firstResponseMs: 24 * HOUR, nextResponseMs: 24 * HOUR, resolutionMs: 72 * HOUR },
    },
  ],
};

export class SlaPolicyError extends Error {
  readonly code = 'invalid_sla_policy';
  constructor(readonly problems: string[]) {
    super(`Invalid SLA policy: ${problems.join('; ')}`);
    this.name = 'SlaPolicyError';
  }
}

export function validatePolicy(policy: SlaPolicy): SlaPolicy {
  const problems: string[] = [];
  if (!policy.calendarId) problems.push('calendarId is required');
  if (!(policy.atRiskShare > 0 && policy.atRiskShare < 1))
    problems.push('atRiskShare must be between 0 and 1');
  for (const [priority, factor] of Object.entries(policy.priorityFactors)) {
    if (!(factor > 0 && Number.isFinite(factor)))
      problems.push(`priority factor for ${priority} must be > 0`);
  }
  if (policy.rules.length === 0) problems.push('at least one rule is required');
  for (const rule of policy.rules) {
    for (const [metric, target] of Object.entries(rule.targets)) {
      if (target !== null && !(Number.isInteger(target) && target > 0)) {
        problems.push(`rule "${rule.name}": ${metric} must be a positive whole number of ms or null`);
      }
    }
  }
  if (problems.length > 0) throw new SlaPolicyError(problems);
  return policy;
}

function matches(rule: SlaRule, subject: SlaSubject): boolean {
  const { channels, visibility, priorities } = rule.match;
  return (
    (!channels || channels.includes(subject.channel)) &&
    (!visibility || visibility === subject.visibility) &&
    (!priorities || priorities.includes(subject.priority))
  );
}

/** Targets for a conversation: first matching rule, scaled by the priority factor. */
export function resolveTargets(policy: SlaPolicy, subject: SlaSubject): ResolvedTargets {
  const rule = policy.rules.find((candidate) => matches(candidate, subject));
  if (!rule) return { firstResponseMs: null, nextResponseMs: null, resolutionMs: null, ruleName: null };
  const factor = rule.match.priorities ? 1 : (policy.priorityFactors[subject.priority] ?? 1);
  const scale = (ms: number | null) => (ms === null ? null : Math.max(1, Math.round(ms * factor)));
  return {
    firstResponseMs: scale(rule.targets.firstResponseMs),
    nextResponseMs: scale(rule.targets.nextResponseMs),
    resolutionMs: scale(rule.targets.resolutionMs),
    ruleName: rule.name,
  };
}

export function targetFor(targets: SlaTargets, metric: SlaMetric): number | null {
  if (metric === 'first_response') return targets.firstResponseMs;
  if (metric === 'next_response') return targets.nextResponseMs;
  return targets.resolutionMs;
}
