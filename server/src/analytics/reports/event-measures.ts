// Aggregates over reporting events in a time range, grouped by any key (a dimension or a time
// bucket). Each measure reads the kinds it needs through the (account, kind, time) index.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  dimensionWhere,
  durationColumn,
  EVENT_COLUMNS,
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

function statsSql(kind: string, d: RawBuilder<number>, extra: RawBuilder<unknown> = sql``) {
  const f = sql`kind = ${kind} AND ${d} IS NOT NULL ${extra}`;
  return sql`count(*) FILTER (WHERE ${f}) AS ${sql.ref(`${kind}_n`)},
    avg(${d}) FILTER (WHERE ${f}) AS ${sql.ref(`${kind}_mean`)},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${d}) FILTER (WHERE ${f}) AS ${sql.ref(`${kind}_median`)},
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${d}) FILTER (WHERE ${f}) AS ${sql.ref(`${kind}_p90`)}`;
}

function readStats(row: Record<string, unknown>, kind: string): DurationStats {
  return {
    count: Number(row[`${kind}_n`] ?? 0),
    mean: toNumber(row[`${kind}_mean`]),
    median: toNumber(row[`${kind}_median`]),
    p90: toNumber(row[`${kind}_p90`]),
  };
}

const MEASURED_KINDS = [
  'first_response',
  'next_response',
  'resolution',
  'assignment',
  'reply',
  'reopen',
  'sla',
  'csat_sent',
  'csat_answered',
];

/** Event measures per group key; `key` is any SQL over alias `e` (and `cl` for labels). */
export async function eventMeasures(
  db: Kysely<DB>,
  filter: ReportFilter,
  key: RawBuilder<unknown>,
): Promise<Map<string, EventMeasures>> {
  const d = durationColumn(filter);
  const where = sql`${dimensionWhere(filter, EVENT_COLUMNS)} AND e.occurred_at >= ${filter.from} AND e.occurred_at < ${filter.to} ${hoursWhere(filter)}`;
  const join = labelJoin(filter, 'e');
  const [volume, measured] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT ${key} AS key,
        count(*) FILTER (WHERE kind = 'message_in') AS inbound,
        count(*) FILTER (WHERE kind = 'conversation_created' AND e.is_case) AS created
      FROM analytics_events e ${join}
      WHERE e.kind IN ('message_in', 'conversation_created') AND ${where}
      GROUP BY 1`.execute(db),
    sql<Record<string, unknown>>`
      SELECT ${key} AS key,
        ${statsSql('first_response', d, sql`AND e.is_case`)},
        ${statsSql('next_response', d, sql`AND e.is_case`)},
        ${statsSql('resolution', d, sql`AND e.is_case AND e.cycle = 1`)},
        ${statsSql('assignment', d, sql`AND e.is_case`)},
        count(*) FILTER (WHERE kind = 'reply') AS replies,
        count(*) FILTER (WHERE kind = 'resolution' AND e.is_case) AS resolutions,
        count(*) FILTER (WHERE kind = 'resolution' AND e.is_case AND e.agent_replies = 0) AS unanswered,
        count(*) FILTER (WHERE kind = 'reopen' AND e.is_case) AS reopens,
        coalesce(sum(e.handle_s) FILTER (WHERE kind = 'resolution' AND e.is_case), 0) AS handle,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'first_response' AND is_met) AS sla_fr_met,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'first_response' AND NOT is_met) AS sla_fr_missed,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'next_response' AND is_met) AS sla_nr_met,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'next_response' AND NOT is_met) AS sla_nr_missed,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'resolution' AND is_met) AS sla_res_met,
        count(*) FILTER (WHERE kind = 'sla' AND metric = 'resolution' AND NOT is_met) AS sla_res_missed,
        count(*) FILTER (WHERE kind = 'csat_sent') AS csat_sent,
        count(*) FILTER (WHERE kind = 'csat_answered') AS csat_answered,
        coalesce(sum(score) FILTER (WHERE kind = 'csat_answered'), 0) AS csat_sum,
        count(*) FILTER (WHERE kind = 'csat_answered' AND score >= 4) AS csat_satisfied
      FROM analytics_events e ${join}
      WHERE e.kind IN (${sql.join(MEASURED_KINDS)}) AND ${where}
      GROUP BY 1`.execute(db),
  ]);
  const out = new Map<string, EventMeasures>();
  const get = (key: unknown) => {
    const k = key === null || key === undefined ? '' : String(key instanceof Date ? key.toISOString() : key);
    let m = out.get(k);
    if (!m) {
      m = emptyMeasures();
      out.set(k, m);
    }
    return m;
  };
  for (const row of volume.rows) {
    const m = get(row.key);
    m.inboundMessages = Number(row.inbound);
    m.newConversations = Number(row.created);
  }
  for (const row of measured.rows) {
    const m = get(row.key);
    m.firstResponse = readStats(row, 'first_response');
    m.nextResponse = readStats(row, 'next_response');
    m.resolution = readStats(row, 'resolution');
    m.assignment = readStats(row, 'assignment');
    m.replies = Number(row.replies);
    m.resolutions = Number(row.resolutions);
    m.unanswered = Number(row.unanswered);
    m.reopens = Number(row.reopens);
    m.handleSeconds = Number(row.handle);
    m.slaFirstResponse = { met: Number(row.sla_fr_met), breached: Number(row.sla_fr_missed) };
    m.slaNextResponse = { met: Number(row.sla_nr_met), breached: Number(row.sla_nr_missed) };
    m.slaResolution = { met: Number(row.sla_res_met), breached: Number(row.sla_res_missed) };
    m.csatSent = Number(row.csat_sent);
    m.csatAnswered = Number(row.csat_answered);
    m.csatScoreSum = Number(row.csat_sum);
    m.csatSatisfied = Number(row.csat_satisfied);
  }
  return out;
}
