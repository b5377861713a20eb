// Every headline KPI, for the whole range or broken down by one dimension (docs/metrics.md).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { AnalyticsSettings } from '../settings.ts';
import {
  CONVERSATION_COLUMNS,
  type ConversationMeasures,
  conversationMeasures,
  emptyConversationMeasures,
} from './conversation-measures.ts';
import { type DurationStats, type EventMeasures, emptyMeasures, eventMeasures } from './event-measures.ts';
import { groupKey, type ReportFilter, ratio } from './filters.ts';
import { labelsFor } from './labels.ts';
import { type AgentTime, agentTime, teamTime, totalTime } from './productivity.ts';

export interface KpiRow {
  key: string;
  label: string;
  volume: { inboundMessages: number; newConversations: number };
  responseRate: number | null;
  firstResponse: DurationStats;
  /** Average Speed of Answer: the mean first response time. */
  asaSeconds: number | null;
  nextResponse: DurationStats;
  resolution: DurationStats;
  timeToAssignment: DurationStats;
  replies: number;
  resolutions: number;
  firstContactResolution: { resolved: number; count: number; rate: number | null };
  firstTouchResolution: { count: number; rate: number | null };
  reopen: { reopens: number; reopenedConversations: number; rate: number | null };
  unanswered: { count: number; rate: number | null };
  sentimentTurnedAround: { startedNegative: number; turned: number; rate: number | null };
  handleTime: { totalSeconds: number; ahtSeconds: number | null };
  sla: {
    firstResponse: Attainment;
    nextResponse: Attainment;
    resolution: Attainment;
  };
  csat: {
    sent: number;
    answered: number;
    responseRate: number | null;
    average: number | null;
    satisfied: number | null;
  };
  productivity: {
    onlineHours: number;
    resolvedPerOnlineHour: number | null;
    occupancy: number | null;
    concurrency: number | null;
  } | null;
  costPerContact: number | null;
}

interface Attainment {
  met: number;
  breached: number;
  attainment: number | null;
}

const attainment = (m: { met: number; breached: number }): Attainment => ({
  ...m,
  attainment: ratio(m.met, m.met + m.breached),
});

export function toKpiRow(
  key: string,
  label: string,
  e: EventMeasures,
  c: ConversationMeasures,
  time: AgentTime | null,
  settings: AnalyticsSettings,
): KpiRow {
  const handleHours = e.handleSeconds / 3600;
  return {
    key,
    label,
    volume: { inboundMessages: e.inboundMessages, newConversations: e.newConversations },
    responseRate: ratio(c.answered, c.started),
    firstResponse: e.firstResponse,
    asaSeconds: e.firstResponse.mean,
    nextResponse: e.nextResponse,
    resolution: e.resolution,
    timeToAssignment: e.assignment,
    replies: e.replies,
    resolutions: e.resolutions,
    firstContactResolution: {
      resolved: c.firstResolved,
      count: c.firstContactResolved,
      rate: ratio(c.firstContactResolved, c.firstResolved),
    },
    firstTouchResolution: { count: c.firstTouchResolved, rate: ratio(c.firstTouchResolved, c.firstResolved) },
    reopen: {
      reopens: e.reopens,
      reopenedConversations: c.reopened,
      rate: ratio(c.reopened, c.firstResolved),
    },
    unanswered: { count: e.unanswered, rate: ratio(e.unanswered, e.resolutions) },
    sentimentTurnedAround: {
      startedNegative: c.startedNegative,
      turned: c.turnedAround,
      rate: ratio(c.turnedAround, c.startedNegative),
    },
    handleTime: { totalSeconds: e.handleSeconds, ahtSeconds: ratio(e.handleSeconds, e.resolutions) },
    sla: {
      firstResponse: attainment(e.slaFirstResponse),
      nextResponse: attainment(e.slaNextResponse),
      resolution: attainment(e.slaResolution),
    },
    csat: {
      sent: e.csatSent,
      answered: e.csatAnswered,
      responseRate: ratio(e.csatAnswered, e.csatSent),
      average: ratio(e.csatScoreSum, e.csatAnswered),
      satisfied: ratio(e.csatSatisfied, e.csatAnswered),
    },
    productivity: time
      ? {
          onlineHours: time.onlineSeconds / 3600,
          resolvedPerOnlineHour: ratio(e.resolutions, time.onlineSeconds / 3600),
          occupancy: ratio(time.busySeconds, time.onlineSeconds),
          concurrency: ratio(time.handleSeconds, time.busySeconds),
        }
      : null,
    costPerContact: e.resolutions > 0 ? (handleHours * settings.loadedHourlyCost) / e.resolutions : null,
  };
}

/** KPIs per value of `filter.groupBy` (one row 'all' without it), sorted by label. */
export async function kpiBreakdown(
  db: Kysely<DB>,
  filter: ReportFilter,
  settings: AnalyticsSettings,
): Promise<KpiRow[]> {
  const [events, conversations, times] = await Promise.all([
    eventMeasures(db, filter, { by: 'dimension' }),
    conversationMeasures(db, filter, groupKey(filter, CONVERSATION_COLUMNS)),
    !filter.groupBy || filter.groupBy === 'agent' || filter.groupBy === 'team'
      ? agentTime(db, filter)
      : Promise.resolve(null),
  ]);
  let timeByKey: Map<string, AgentTime> | null = null;
  if (times && filter.groupBy === 'agent') timeByKey = times;
  else if (times && filter.groupBy === 'team') timeByKey = await teamTime(db, filter.accountId, times);
  else if (times) timeByKey = new Map([['all', totalTime(times)]]);
  const keys = new Set<string>([...events.keys(), ...conversations.keys()]);
  if (filter.groupBy === 'agent' && timeByKey) for (const k of timeByKey.keys()) keys.add(k);
  if (!filter.groupBy) keys.add('all');
  const labels = await labelsFor(db, filter.accountId, filter.groupBy, [...keys]);
  const rows = [...keys].map((key) =>
    toKpiRow(
      key,
      labels.get(key) ?? (key === '' ? '(none)' : key),
      events.get(key) ?? emptyMeasures(),
      conversations.get(key) ?? emptyConversationMeasures(),
      timeByKey ? (timeByKey.get(key) ?? { onlineSeconds: 0, handleSeconds: 0, busySeconds: 0 }) : null,
      settings,
    ),
  );
  // By label, then key: two channels may share a name.
  return rows.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}
