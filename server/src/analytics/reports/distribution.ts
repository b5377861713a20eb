// How a duration is spread: counts per fixed band (under 5 minutes … over 3 days), or CSAT scores.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { dimensionWhere, durationColumn, EVENT_COLUMNS, hoursWhere, type ReportFilter } from './filters.ts';

export const DISTRIBUTION_METRICS = [
  'first_response',
  'next_response',
  'resolution',
  'assignment',
  'csat',
] as const;
export type DistributionMetric = (typeof DISTRIBUTION_METRICS)[number];

/** Upper bounds in seconds; the last band is open-ended. */
const BANDS: { label: string; below: number }[] = [
  { label: '< 5 min', below: 300 },
  { label: '5–15 min', below: 900 },
  { label: '15–30 min', below: 1800 },
  { label: '30–60 min', below: 3600 },
  { label: '1–2 h', below: 7200 },
  { label: '2–4 h', below: 14_400 },
  { label: '4–8 h', below: 28_800 },
  { label: '8–24 h', below: 86_400 },
  { label: '1–3 d', below: 259_200 },
  { label: '≥ 3 d', below: Number.POSITIVE_INFINITY },
];

export async function distribution(
  db: Kysely<DB>,
  filter: ReportFilter,
  metric: DistributionMetric,
): Promise<{ band: string; count: number }[]> {
  const where = sql`${dimensionWhere(filter, EVENT_COLUMNS)} AND e.occurred_at >= ${filter.from} AND e.occurred_at < ${filter.to} ${hoursWhere(filter)}`;
  if (metric === 'csat') {
    const result = await sql<{ score: number; n: string }>`
      SELECT score, count(*) AS n FROM analytics_events e
      WHERE e.kind = 'csat_answered' AND ${where} GROUP BY score`.execute(db);
    const byScore = new Map(result.rows.map((r) => [Number(r.score), Number(r.n)]));
    return [1, 2, 3, 4, 5].map((score) => ({ band: String(score), count: byScore.get(score) ?? 0 }));
  }
  const d = durationColumn(filter);
  const cycle = metric === 'resolution' ? sql`AND e.cycle = 1` : sql``;
  const bounds = BANDS.slice(0, -1).map((b) => b.below);
  const result = await sql<{ band: number; n: string }>`
    SELECT width_bucket(${d}, ARRAY[${sql.join(bounds)}]::float8[]) AS band, count(*) AS n
    FROM analytics_events e
    WHERE e.kind = ${metric} AND e.is_case AND ${d} IS NOT NULL ${cycle} AND ${where}
    GROUP BY 1`.execute(db);
  const byBand = new Map(result.rows.map((r) => [Number(r.band), Number(r.n)]));
  return BANDS.map((b, i) => ({ band: b.label, count: byBand.get(i) ?? 0 }));
}
