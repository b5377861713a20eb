// Aggregates over reporting events in a time range, grouped by a dimension or by local time. Counts
// come from the 15-minute rollup (count-measures.ts); durations from the raw events, one query per
// kind through the (account, kind, time) index, all at once.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { ROLLUP_MEASURES, type RollupMeasure } from '../rollup.ts';
import { countMeasures, type EventGrouping } from './count-measures.ts';
import {
  dimensionWhere,
  durationColumn,
  EVENT_COLUMNS,
  groupKey,
  hoursWhere,
  labelJoin,
  type ReportFilter,
  toNumber,
} from './filters.ts';

export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface EventMeasures {
  inboundMessages: number;
  newConversations: number;
  firstResponse: DurationStats;
  nextResponse: DurationStats;
  resolution: DurationStats;
  assignment: DurationStats;
  replies: number;
  resolutions: number;
  unanswered: number;
  reopens: number;
  handleSeconds: number;
  slaFirstResponse: { met: number; breached: number };
  slaNextResponse: { met: number; breached: number };
  slaResolution: { met: number; breached: number };
  csatSent: number;
  csatAnswered: number;
  csatScoreSum: number;
  csatSatisfied: number;
}

export function emptyMeasures(): EventMeasures {
  const stats = (): DurationStats => ({ count: 0, mean: null, median: null, p90: null });
  return {
    inboundMessages: 0,
    newConversations: 0,
    firstResponse: stats(),
    nextResponse: stats(),
    resolution: stats(),
    assignment: stats(),
    replies: 0,
    resolutions: 0,
    unanswered: 0,
    reopens: 0,
    handleSeconds: 0,
    slaFirstResponse: { met: 0, breached: 0 },
    slaNextResponse: { met: 0, breached: 0 },
    slaResolution: { met: 0, breached: 0 },
    csatSent: 0,
    csatAnswered: 0,
    csatScoreSum: 0,
    csatSatisfied: 0,
  };
}

type DurationKind = 'first_response' | 'next_response' | 'resolution' | 'assignment';
const DURATION_KINDS: DurationKind[] = ['first_response', 'next_response', 'resolution', 'assignment'];
const COUNTED: RollupMeasure[] = [...ROLLUP_MEASURES];

/**
 * Duration statistics of one kind per group key, from the raw events (exact percentiles need every
 * value). One query per kind reads just that kind's index range; resolution also counts every
 * cycle's resolutions, the unanswered ones and their handle time.
 */
async function durationMeasures(
  db: Kysely<DB>,
  filter: ReportFilter,
  key: RawBuilder<unknown>,
  kind: DurationKind,
  join: RawBuilder<unknown>,
) {
  const d = durationColumn(filter);
  const isMeasured = sql`e.is_case AND ${d} IS NOT NULL ${kind === 'resolution' ? sql`AND e.cycle = 1` : sql``}`;
  const resolutions =
    kind === 'resolution'
      ? sql`, count(*) FILTER (WHERE e.is_case) AS resolutions,
          count(*) FILTER (WHERE e.is_case AND e.agent_replies = 0) AS unanswered,
          coalesce(sum(e.handle_s) FILTER (WHERE e.is_case), 0) AS handle`
      : sql``;
  const result = await sql<Record<string, unknown>>`
    SELECT key, n, mean, percentiles[1] AS median, percentiles[2] AS p90 ${kind === 'resolution' ? sql`, resolutions, unanswered, handle` : sql``}
    FROM (
      SELECT ${key} AS key, count(*) FILTER (WHERE ${isMeasured}) AS n, avg(${d}) FILTER (WHERE ${isMeasured}) AS mean,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${d}) FILTER (WHERE ${isMeasured}) AS percentiles
        ${resolutions}
      FROM analytics_events e ${join}
      WHERE e.kind = ${kind} AND ${dimensionWhere(filter, EVENT_COLUMNS)}
        AND e.occurred_at >= ${filter.from} AND e.occurred_at < ${filter.to} ${hoursWhere(filter)}
      GROUP BY 1) s`.execute(db);
  return result.rows;
}

const STATS_FIELD: Record<DurationKind, 'firstResponse' | 'nextResponse' | 'resolution' | 'assignment'> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
  assignment: 'assignment',
};

/** Event measures per group key: by the filter's dimension, or by a function of local time. */
export async function eventMeasures(
  db: Kysely<DB>,
  filter: ReportFilter,
  grouping: EventGrouping,
): Promise<Map<string, EventMeasures>> {
  const key =
    grouping.by === 'time'
      ? grouping.key(sql`(e.occurred_at AT TIME ZONE ${filter.timeZone})`)
      : groupKey(filter, EVENT_COLUMNS);
  const join = grouping.by === 'dimension' ? labelJoin(filter, 'e') : sql``;
  const [counts, ...durations] = await Promise.all([
    countMeasures(db, filter, grouping, COUNTED),
    ...DURATION_KINDS.map((kind) => durationMeasures(db, filter, key, kind, join)),
  ]);
  const out = new Map<string, EventMeasures>();
  const get = (key: unknown) => {
    const k = key === null || key === undefined ? '' : String(key);
    let m = out.get(k);
    if (!m) {
      m = emptyMeasures();
      out.set(k, m);
    }
    return m;
  };
  for (const [k, c] of counts) {
    const m = get(k);
    m.inboundMessages = c.inbound_messages;
    m.newConversations = c.new_conversations;
    m.replies = c.replies;
    m.reopens = c.reopens;
    m.slaFirstResponse = { met: c.sla_first_response_met, breached: c.sla_first_response_breached };
    m.slaNextResponse = { met: c.sla_next_response_met, breached: c.sla_next_response_breached };
    m.slaResolution = { met: c.sla_resolution_met, breached: c.sla_resolution_breached };
    m.csatSent = c.csat_sent;
    m.csatAnswered = c.csat_answered;
    m.csatScoreSum = c.csat_score_sum;
    m.csatSatisfied = c.csat_satisfied;
  }
  for (const [i, rows] of durations.entries()) {
    const kind = DURATION_KINDS[i]!;
    for (const row of rows) {
      const m = get(row.key);
      m[STATS_FIELD[kind]] = {
        count: Number(row.n ?? 0),
        mean: toNumber(row.mean),
        median: toNumber(row.median),
        p90: toNumber(row.p90),
      };
      if (kind === 'resolution') {
        m.resolutions = Number(row.resolutions);
        m.unanswered = Number(row.unanswered);
        m.handleSeconds = Number(row.handle);
      }
    }
  }
  return out;
}
