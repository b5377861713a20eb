// KPIs per time bucket (15/30/60 minutes, day, week in the account's zone) for the charts.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { type EventMeasures, emptyMeasures, eventMeasures } from './event-measures.ts';
import { bucketOfLocal, bucketsOf, type ReportFilter, ratio } from './filters.ts';

export interface SeriesPoint {
  bucket: string;
  startsAt: string;
  inboundMessages: number;
  newConversations: number;
  replies: number;
  resolutions: number;
  reopens: number;
  unanswered: number;
  firstResponseMean: number | null;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  nextResponseMean: number | null;
  resolutionMean: number | null;
  timeToAssignmentMean: number | null;
  ahtSeconds: number | null;
  slaAttainment: number | null;
  csatAverage: number | null;
}

export async function timeSeries(db: Kysely<DB>, filter: ReportFilter): Promise<SeriesPoint[]> {
  const { groupBy: _ignored, ...ungrouped } = filter;
  const [buckets, measures] = await Promise.all([
    bucketsOf(db, filter),
    // Grouped by the local bucket as seconds since 1970 read as UTC (cheaper per row than text).
    eventMeasures(db, ungrouped, {
      by: 'time',
      key: (local) => sql`extract(epoch FROM ${bucketOfLocal(local, filter.grain)})::bigint`,
    }),
  ]);
  const byLabel = new Map<string, EventMeasures>();
  for (const [epoch, m] of measures)
    byLabel.set(new Date(Number(epoch) * 1000).toISOString().slice(0, 16), m);
  return buckets.map(({ bucket, startsAt }) => {
    const m = byLabel.get(bucket) ?? emptyMeasures();
    const met = m.slaFirstResponse.met + m.slaNextResponse.met + m.slaResolution.met;
    const missed = m.slaFirstResponse.breached + m.slaNextResponse.breached + m.slaResolution.breached;
    return {
      bucket,
      startsAt,
      inboundMessages: m.inboundMessages,
      newConversations: m.newConversations,
      replies: m.replies,
      resolutions: m.resolutions,
      reopens: m.reopens,
      unanswered: m.unanswered,
      firstResponseMean: m.firstResponse.mean,
      firstResponseMedian: m.firstResponse.median,
      firstResponseP90: m.firstResponse.p90,
      nextResponseMean: m.nextResponse.mean,
      resolutionMean: m.resolution.mean,
      timeToAssignmentMean: m.assignment.mean,
      ahtSeconds: ratio(m.handleSeconds, m.resolutions),
      slaAttainment: ratio(met, met + missed),
      csatAverage: ratio(m.csatScoreSum, m.csatAnswered),
    };
  });
}
