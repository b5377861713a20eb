// What every report takes: a time range, a grain, which clock (wall or business hours), whether
// events in or out of business hours count, filters on the dimensions, and one dimension to group by.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/index.ts';

export const GRAINS = ['15m', '30m', '60m', 'day', 'week'] as const;
export type Grain = (typeof GRAINS)[number];
export const DIMENSIONS = [
  'channel',
  'provider',
  'visibility',
  'team',
  'agent',
  'label',
  'intent',
  'priority',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface ReportFilter {
  accountId: string;
  timeZone: string;
  from: Date;
  to: Date;
  grain: Grain;
  /** Durations in wall-clock or business-hours seconds. */
  clock: 'wall' | 'business';
  /** Only events that happened in (or out of) business hours. */
  hours: 'all' | 'in' | 'out';
  channelId?: string;
  provider?: string;
  visibility?: 'public' | 'private';
  teamId?: string;
  agentId?: string;
  labelId?: string;
  intent?: string;
  priority?: string;
  groupBy?: Dimension;
  /** For FCR: reopened within this many days of the first resolution spoils it. */
  fcrWindowDays: number;
  now: Date;
  /** Read only raw events, never the 15-minute rollup (tests compare the two). */
  skipRollup?: boolean;
}

export const GRAIN_INTERVAL: Record<Grain, string> = {
  '15m': '15 minutes',
  '30m': '30 minutes',
  '60m': '1 hour',
  day: '1 day',
  week: '1 week',
};

/** The local bucket (timestamp without time zone, in the account's zone) of a timestamptz column. */
export function bucketOf(column: string, filter: ReportFilter): RawBuilder<Date> {
  return bucketOfLocal(sql`(${sql.ref(column)} AT TIME ZONE ${filter.timeZone})`, filter.grain);
}

export function bucketOfLocal(local: RawBuilder<unknown>, grain: Grain): RawBuilder<Date> {
  if (grain === 'day') return sql<Date>`date_trunc('day', ${local})`;
  if (grain === 'week') return sql<Date>`date_trunc('week', ${local})`;
  return sql<Date>`date_bin(${GRAIN_INTERVAL[grain]}::interval, ${local}, timestamp '2001-01-01')`;
}

/** A local bucket as text ('2026-03-02T09:15'), never through the driver's local-time parsing. */
export function bucketLabel(bucket: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI')`;
}

/** Every bucket of the range, in order: local label and the UTC instant it starts. */
export async function bucketsOf(
  db: Kysely<DB>,
  filter: ReportFilter,
): Promise<{ bucket: string; startsAt: string }[]> {
  const tz = filter.timeZone;
  const first = bucketOfLocal(sql`(${filter.from}::timestamptz AT TIME ZONE ${tz})`, filter.grain);
  const result = await sql<{ bucket: string; starts_at: Date }>`
    SELECT ${bucketLabel(sql`g`)} AS bucket, (g AT TIME ZONE ${tz}) AS starts_at
    FROM generate_series(${first}, (${filter.to}::timestamptz AT TIME ZONE ${tz}), ${GRAIN_INTERVAL[filter.grain]}::interval) g
    WHERE g < (${filter.to}::timestamptz AT TIME ZONE ${tz})
    LIMIT 20000`.execute(db);
  return result.rows.map((r) => ({ bucket: r.bucket, startsAt: new Date(r.starts_at).toISOString() }));
}

/** Column names of one table's dimensions. */
export interface DimensionColumns {
  alias: string;
  agent: string;
  time: string;
}

export const EVENT_COLUMNS: DimensionColumns = { alias: 'e', agent: 'agent_id', time: 'occurred_at' };

/** SQL for the group key of a dimension (label needs the join from `labelJoin`). */
export function groupKey(filter: ReportFilter, columns: DimensionColumns): RawBuilder<string | null> {
  const a = columns.alias;
  switch (filter.groupBy) {
    case 'channel':
      return sql`${sql.ref(`${a}.channel_id`)}::text`;
    case 'provider':
      return sql`${sql.ref(`${a}.provider`)}`;
    case 'visibility':
      return sql`CASE WHEN ${sql.ref(`${a}.is_public`)} THEN 'public' ELSE 'private' END`;
    case 'team':
      return sql`${sql.ref(`${a}.team_id`)}::text`;
    case 'agent':
      return sql`${sql.ref(`${a}.${columns.agent}`)}::text`;
    case 'label':
      return sql`cl.label_id::text`;
    case 'intent':
      return sql`${sql.ref(`${a}.intent`)}`;
    case 'priority':
      return sql`${sql.ref(`${a}.priority`)}`;
    default:
      return sql`'all'`;
  }
}

export function labelJoin(filter: ReportFilter, alias: string): RawBuilder<unknown> {
  return filter.groupBy === 'label'
    ? sql`JOIN conversation_labels cl ON cl.conversation_id = ${sql.ref(`${alias}.conversation_id`)}`
    : sql``;
}

/** The WHERE conditions for the dimension filters (not the time range). */
export function dimensionWhere(filter: ReportFilter, columns: DimensionColumns): RawBuilder<unknown> {
  const a = columns.alias;
  const parts: RawBuilder<unknown>[] = [sql`${sql.ref(`${a}.account_id`)} = ${filter.accountId}`];
  if (filter.channelId) parts.push(sql`${sql.ref(`${a}.channel_id`)} = ${filter.channelId}`);
  if (filter.provider) parts.push(sql`${sql.ref(`${a}.provider`)} = ${filter.provider}`);
  if (filter.visibility) parts.push(sql`${sql.ref(`${a}.is_public`)} = ${filter.visibility === 'public'}`);
  if (filter.teamId) parts.push(sql`${sql.ref(`${a}.team_id`)} = ${filter.teamId}`);
  if (filter.agentId) parts.push(sql`${sql.ref(`${a}.${columns.agent}`)} = ${filter.agentId}`);
  if (filter.intent) parts.push(sql`${sql.ref(`${a}.intent`)} = ${filter.intent}`);
  if (filter.priority) parts.push(sql`${sql.ref(`${a}.priority`)} = ${filter.priority}`);
  if (filter.labelId)
    parts.push(
      sql`EXISTS (SELECT 1 FROM conversation_labels fl WHERE fl.conversation_id = ${sql.ref(`${a}.conversation_id`)} AND fl.label_id = ${filter.labelId})`,
    );
  return sql.join(parts, sql` AND `);
}

export function hoursWhere(filter: ReportFilter, alias = 'e'): RawBuilder<unknown> {
  if (filter.hours === 'in') return sql`AND ${sql.ref(`${alias}.is_business_hours`)}`;
  if (filter.hours === 'out') return sql`AND NOT ${sql.ref(`${alias}.is_business_hours`)}`;
  return sql``;
}

/** The duration column the filter asks for. */
export function durationColumn(filter: ReportFilter, alias = 'e'): RawBuilder<number> {
  return sql.ref(`${alias}.${filter.clock === 'business' ? 'business_s' : 'wall_s'}`);
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}
