// Inbound volume by local weekday (1 = Monday … 7 = Sunday) and hour of day, from the rollup.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { countMeasures } from './count-measures.ts';
import type { ReportFilter } from './filters.ts';

export interface HeatCell {
  weekday: number;
  hour: number;
  inboundMessages: number;
  newConversations: number;
}

export async function volumeHeatmap(db: Kysely<DB>, filter: ReportFilter): Promise<HeatCell[]> {
  const counts = await countMeasures(
    db,
    filter,
    {
      by: 'time',
      key: (local) => sql`extract(isodow FROM ${local})::int * 100 + extract(hour FROM ${local})::int`,
    },
    ['inbound_messages', 'new_conversations'],
  );
  const cells: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const c = counts.get(String(weekday * 100 + hour));
      cells.push({
        weekday,
        hour,
        inboundMessages: c?.inbound_messages ?? 0,
        newConversations: c?.new_conversations ?? 0,
      });
    }
  return cells;
}
