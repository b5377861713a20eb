// Inbound volume by local weekday (1 = Monday … 7 = Sunday) and hour of day.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { dimensionWhere, EVENT_COLUMNS, hoursWhere, type ReportFilter } from './filters.ts';

export interface HeatCell {
  weekday: number;
  hour: number;
  inboundMessages: number;
  newConversations: number;
}

export async function volumeHeatmap(db: Kysely<DB>, filter: ReportFilter): Promise<HeatCell[]> {
  const local = sql`(e.occurred_at AT TIME ZONE ${filter.timeZone})`;
  const result = await sql<{ weekday: number; hour: number; inbound: string; created: string }>`
    SELECT extract(isodow FROM ${local})::int AS weekday, extract(hour FROM ${local})::int AS hour,
      count(*) FILTER (WHERE e.kind = 'message_in') AS inbound,
      count(*) FILTER (WHERE e.kind = 'conversation_created' AND e.is_case) AS created
    FROM analytics_events e
    WHERE e.kind IN ('message_in', 'conversation_created') AND ${dimensionWhere(filter, EVENT_COLUMNS)}
      AND e.occurred_at >= ${filter.from} AND e.occurred_at < ${filter.to} ${hoursWhere(filter)}
    GROUP BY 1, 2`.execute(db);
  const byCell = new Map(result.rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
  const cells: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const r = byCell.get(`${weekday}:${hour}`);
      cells.push({
        weekday,
        hour,
        inboundMessages: Number(r?.inbound ?? 0),
        newConversations: Number(r?.created ?? 0),
      });
    }
  return cells;
}
