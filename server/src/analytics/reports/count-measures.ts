// The count-only measures (volume, replies, reopens, SLA outcomes, CSAT counts) per group key:
// from the 15-minute rollup for the whole quarter hours of the range plus the raw events of the
// partial quarter hours at its ends, or from the raw events alone when the rollup cannot answer
// (a label, or filters and grouping on more than one dimension). Both give the same numbers.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  ROLLUP_BUCKET_MS,
  ROLLUP_COUNTED,
  ROLLUP_MEASURE_SQL,
  type RollupDimension,
  type RollupMeasure,
} from '../rollup.ts';
import {
  bucketOfLocal,
  dimensionWhere,
  EVENT_COLUMNS,
  groupKey,
  hoursWhere,
  labelJoin,
  type ReportFilter,
} from './filters.ts';

/**
 * How measures are grouped: by the filter's `groupBy` dimension ('all' without one), or by a
 * function of the local time (`local` is a timestamp in the account's zone).
 */
export type EventGrouping =
  | { by: 'dimension' }
  | { by: 'time'; key: (local: RawBuilder<unknown>) => RawBuilder<unknown> };

export type CountMeasures = Record<RollupMeasure, number>;

/** Which reporting event kinds each measure counts (for reading only those from raw events). */
const KINDS: Record<RollupMeasure, string> = {
  inbound_messages: 'message_in',
  new_conversations: 'conversation_created',
  replies: 'reply',
  reopens: 'reopen',
  sla_first_response_met: 'sla',
  sla_first_response_breached: 'sla',
  sla_next_response_met: 'sla',
  sla_next_response_breached: 'sla',
  sla_resolution_met: 'sla',
  sla_resolution_breached: 'sla',
  csat_sent: 'csat_sent',
  csat_answered: 'csat_answered',
  csat_score_sum: 'csat_answered',
  csat_satisfied: 'csat_answered',
};

interface RollupPlan {
  dimension: RollupDimension;
  /** The filter's value of that dimension, as the rollup stores it; null to read every value. */
  value: RawBuilder<string> | null;
  /** The whole quarter hours of the range: [wholeFrom, wholeTo). */
  wholeFrom: Date;
  wholeTo: Date;
}

function rollupPlan(filter: ReportFilter, grouping: EventGrouping): RollupPlan | null {
  if (filter.skipRollup || filter.labelId) return null;
  if (grouping.by === 'dimension' && filter.groupBy === 'label') return null;
  const filters: [RollupDimension, RawBuilder<string>][] = [];
  if (filter.channelId) filters.push(['channel', sql`${filter.channelId}::uuid::text`]);
  if (filter.provider) filters.push(['provider', sql`${filter.provider}`]);
  if (filter.visibility) filters.push(['visibility', sql`${filter.visibility}`]);
  if (filter.teamId) filters.push(['team', sql`${filter.teamId}::uuid::text`]);
  if (filter.agentId) filters.push(['agent', sql`${filter.agentId}::uuid::text`]);
  if (filter.intent) filters.push(['intent', sql`${filter.intent}`]);
  if (filter.priority) filters.push(['priority', sql`${filter.priority}`]);
  const dimensions = new Set<RollupDimension>(filters.map(([d]) => d));
  if (grouping.by === 'dimension' && filter.groupBy) dimensions.add(filter.groupBy as RollupDimension);
  if (dimensions.size > 1) return null;
  const wholeFrom = new Date(Math.ceil(filter.from.getTime() / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS);
  const wholeTo = new Date(Math.floor(filter.to.getTime() / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS);
  if (wholeFrom >= wholeTo) return null;
  const [dimension = 'all'] = dimensions;
  return { dimension, value: filters[0]?.[1] ?? null, wholeFrom, wholeTo };
}

const local = (instant: RawBuilder<unknown>, filter: ReportFilter) =>
  sql`((${instant}) AT TIME ZONE ${filter.timeZone})`;

/** Count measures per group key (as text; '' for none). */
export async function countMeasures(
  db: Kysely<DB>,
  filter: ReportFilter,
  grouping: EventGrouping,
  measures: readonly RollupMeasure[],
): Promise<Map<string, CountMeasures>> {
  const plan = rollupPlan(filter, grouping);
  const sums = (expression: (m: RollupMeasure) => RawBuilder<unknown>) =>
    sql.join(
      measures.map((m) => sql`${expression(m)} AS ${sql.ref(m)}`),
      sql`, `,
    );
  const kinds = [...new Set(measures.map((m) => KINDS[m]))];
  const eventKey =
    grouping.by === 'time'
      ? grouping.key(local(sql`e.occurred_at`, filter))
      : groupKey(filter, EVENT_COLUMNS);
  const join = grouping.by === 'dimension' ? labelJoin(filter, 'e') : sql``;
  /** The raw events of [from, to). */
  const raw = (from: Date, to: Date) => sql`
    SELECT ${eventKey} AS key, ${sums((m) => sql`sum(${ROLLUP_MEASURE_SQL[m]})`)}
    FROM analytics_events e ${join}
    WHERE e.kind IN (${sql.join(kinds)}) AND ${ROLLUP_COUNTED} AND ${dimensionWhere(filter, EVENT_COLUMNS)}
      AND e.occurred_at >= ${from} AND e.occurred_at < ${to} ${hoursWhere(filter)}
    GROUP BY 1`;
  let rows: Record<string, unknown>[] | null = null;
  if (plan) {
    const bucket = sql`r.bucket_start`;
    const rollupKey =
      grouping.by === 'time'
        ? grouping.key(local(bucket, filter))
        : filter.groupBy
          ? sql`nullif(r.value, '')`
          : sql`'all'`;
    // A local grouping can use a quarter hour only if all of it falls in one local quarter hour
    // (the zone's offset is a whole number of quarter hours throughout it): true today everywhere.
    const isWhole =
      grouping.by === 'time'
        ? sql`${bucketOfLocal(local(bucket, filter), '15m')} = ${bucketOfLocal(local(sql`${bucket} + interval '14 minutes 59.999999 seconds'`, filter), '15m')}`
        : sql`true`;
    const result = await sql<Record<string, unknown>>`
      SELECT key, ${sums((m) => sql`sum(${sql.ref(m)})`)}, bool_and(is_whole) AS is_whole FROM (
        SELECT ${rollupKey} AS key, ${sums((m) => sql.ref(`r.${m}`))}, ${isWhole} AS is_whole
        FROM analytics_rollup_15m r
        WHERE r.account_id = ${filter.accountId} AND r.dimension = ${plan.dimension}
          ${plan.value ? sql`AND r.value = ${plan.value}` : sql``}
          AND r.bucket_start >= ${plan.wholeFrom} AND r.bucket_start < ${plan.wholeTo} ${hoursWhere(filter, 'r')}
        UNION ALL
        SELECT *, true FROM (${raw(filter.from, plan.wholeFrom)}) head
        UNION ALL
        SELECT *, true FROM (${raw(plan.wholeTo, filter.to)}) tail
      ) x GROUP BY key`.execute(db);
    if (result.rows.every((r) => r.is_whole !== false)) rows = result.rows;
  }
  rows ??= (await sql<Record<string, unknown>>`${raw(filter.from, filter.to)}`.execute(db)).rows;
  const out = new Map<string, CountMeasures>();
  for (const row of rows) {
    const key = row.key === null || row.key === undefined ? '' : String(row.key);
    out.set(key, Object.fromEntries(measures.map((m) => [m, Number(row[m] ?? 0)])) as CountMeasures);
  }
  return out;
}
