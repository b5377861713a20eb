// Backlog over time: at the end of each bucket, how many cases were open (in a resolution cycle
// that had started and not yet ended) and how long the oldest of them had been open.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  bucketsOf,
  type DimensionColumns,
  dimensionWhere,
  EVENT_COLUMNS,
  type ReportFilter,
} from './filters.ts';

export interface BacklogPoint {
  bucket: string;
  /** The instant measured: the end of the bucket (or now, for a bucket still running). */
  at: string;
  open: number;
  oldestAgeSeconds: number | null;
}

const OPEN_COLUMNS: DimensionColumns = { alias: 'c', agent: 'assignee_id', time: 'cycle_started_at' };

export async function backlog(db: Kysely<DB>, filter: ReportFilter): Promise<BacklogPoint[]> {
  const buckets = await bucketsOf(db, filter);
  // Cycles that ended (resolution events) after the range began, and cycles still open.
  const [ended, open] = await Promise.all([
    sql<{ s: number; e: number }>`
      SELECT extract(epoch FROM e.started_at)::float8 * 1000 AS s, extract(epoch FROM e.occurred_at)::float8 * 1000 AS e
      FROM analytics_events e
      WHERE e.kind = 'resolution' AND e.is_case AND ${dimensionWhere(filter, EVENT_COLUMNS)}
        AND e.occurred_at >= ${filter.from} AND e.started_at < ${filter.to}`.execute(db),
    sql<{ s: number }>`
      SELECT extract(epoch FROM c.cycle_started_at)::float8 * 1000 AS s
      FROM analytics_conversations c
      WHERE c.is_open AND c.is_case AND ${dimensionWhere(filter, OPEN_COLUMNS)}
        AND c.cycle_started_at < ${filter.to}`.execute(db),
  ]);
  const cycles = [
    ...ended.rows.map((r) => ({ start: Number(r.s), end: Number(r.e) })),
    ...open.rows.map((r) => ({ start: Number(r.s), end: Number.POSITIVE_INFINITY })),
  ].sort((a, b) => a.start - b.start);
  const ends = cycles.map((c) => c.end).sort((a, b) => a - b);
  const now = filter.now.getTime();
  const points: BacklogPoint[] = [];
  // Sweep the instants in order: cycles join in start order; the oldest open one is the first
  // joined that has not ended (one that ended stays ended, so it can be dropped for good).
  let started = 0;
  let endedCount = 0;
  let oldest = 0;
  for (let i = 0; i < buckets.length; i++) {
    const nextStart = i + 1 < buckets.length ? Date.parse(buckets[i + 1]!.startsAt) : filter.to.getTime();
    const at = Math.min(nextStart, now);
    while (started < cycles.length && cycles[started]!.start <= at) started++;
    while (endedCount < ends.length && ends[endedCount]! <= at) endedCount++;
    while (oldest < started && cycles[oldest]!.end <= at) oldest++;
    const oldestStart = oldest < started ? cycles[oldest]!.start : null;
    points.push({
      bucket: buckets[i]!.bucket,
      at: new Date(at).toISOString(),
      open: started - endedCount,
      oldestAgeSeconds: oldestStart === null ? null : (at - oldestStart) / 1000,
    });
  }
  return points;
}
