// Conversations with their metrics (for the CSV export): every case that started in the range.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { CONVERSATION_COLUMNS } from './conversation-measures.ts';
import { dimensionWhere, type ReportFilter } from './filters.ts';

export async function conversationMetrics(db: Kysely<DB>, filter: ReportFilter, limit = 200_000) {
  const result = await sql<Record<string, unknown>>`
    SELECT c.conversation_id, c.channel_id, c.provider, CASE WHEN c.is_public THEN 'public' ELSE 'private' END AS visibility,
      c.team_id, c.assignee_id, c.intent, c.priority, c.is_case, c.sentiment_start, c.sentiment_end,
      c.started_at, c.first_assigned_at, c.first_response_at, c.first_resolved_at, c.last_resolved_at, c.first_reopened_at,
      c.is_open, c.agent_reply_count, c.first_resolution_agent_replies, c.resolution_count, c.reopen_count,
      c.first_response_s, c.first_response_bh_s, c.assignment_s, c.assignment_bh_s,
      c.resolution_s, c.resolution_bh_s, c.handle_s, c.csat_sent_at, c.csat_score
    FROM analytics_conversations c
    WHERE ${dimensionWhere(filter, CONVERSATION_COLUMNS)} AND c.started_at >= ${filter.from} AND c.started_at < ${filter.to}
    ORDER BY c.started_at, c.conversation_id
    LIMIT ${limit}`.execute(db);
  const fcrWindowMs = filter.fcrWindowDays * 86_400_000;
  return result.rows.map((r) => {
    const resolvedAt = r.first_resolved_at instanceof Date ? r.first_resolved_at : null;
    const reopenedAt = r.first_reopened_at instanceof Date ? r.first_reopened_at : null;
    const isFirstTouch = resolvedAt !== null && r.first_resolution_agent_replies === 1;
    const row: Record<string, unknown> = { ...r };
    for (const [k, v] of Object.entries(row)) if (v instanceof Date) row[k] = v.toISOString();
    return {
      ...row,
      is_first_touch_resolution: isFirstTouch,
      is_first_contact_resolution:
        isFirstTouch &&
        (reopenedAt === null || reopenedAt.getTime() > (resolvedAt?.getTime() ?? 0) + fcrWindowMs),
    };
  });
}
