// The 15-minute rollup of the count-only measures (inbound messages, new conversations, replies,
// reopens, SLA outcomes, CSAT counts): per account, UTC quarter hour, business-hours flag and value
// of one dimension ('all' is the total). The recorder adds each batch's events to it in the
// transaction that writes them, with the same SELECT a rebuild runs over the whole table, so the
// two cannot disagree. Reports read it for whole quarter hours (docs/metrics.md).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/index.ts';

/** Each rollup row holds one dimension's value; 'all' rows hold the totals. */
export const ROLLUP_DIMENSIONS = [
  'all',
  'channel',
  'provider',
  'visibility',
  'team',
  'agent',
  'priority',
  'intent',
] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export const ROLLUP_BUCKET_MS = 15 * 60_000;

/** Reporting event kinds the rollup counts; the duration kinds stay raw (percentiles need every value). */
export const ROLLUP_KINDS = [
  'message_in',
  'conversation_created',
  'reply',
  'reopen',
  'sla',
  'csat_sent',
  'csat_answered',
] as const;

/** Each measure and its value for one event (alias `e`), exactly as the raw reports count it. */
export const ROLLUP_MEASURE_SQL = {
  inbound_messages: sql`(e.kind = 'message_in')::int`,
  new_conversations: sql`(e.kind = 'conversation_created' AND e.is_case)::int`,
  replies: sql`(e.kind = 'reply')::int`,
  reopens: sql`(e.kind = 'reopen' AND e.is_case)::int`,
  sla_first_response_met: sql`(e.kind = 'sla' AND e.metric = 'first_response' AND e.is_met)::int`,
  sla_first_response_breached: sql`(e.kind = 'sla' AND e.metric = 'first_response' AND NOT e.is_met)::int`,
  sla_next_response_met: sql`(e.kind = 'sla' AND e.metric = 'next_response' AND e.is_met)::int`,
  sla_next_response_breached: sql`(e.kind = 'sla' AND e.metric = 'next_response' AND NOT e.is_met)::int`,
  sla_resolution_met: sql`(e.kind = 'sla' AND e.metric = 'resolution' AND e.is_met)::int`,
  sla_resolution_breached: sql`(e.kind = 'sla' AND e.metric = 'resolution' AND NOT e.is_met)::int`,
  csat_sent: sql`(e.kind = 'csat_sent')::int`,
  csat_answered: sql`(e.kind = 'csat_answered')::int`,
  csat_score_sum: sql`CASE WHEN e.kind = 'csat_answered' THEN coalesce(e.score, 0) ELSE 0 END`,
  csat_satisfied: sql`(e.kind = 'csat_answered' AND e.score >= 4)::int`,
} satisfies Record<string, RawBuilder<number>>;
export type RollupMeasure = keyof typeof ROLLUP_MEASURE_SQL;
export const ROLLUP_MEASURES = Object.keys(ROLLUP_MEASURE_SQL) as RollupMeasure[];

/** Events that add to some measure (others would only write rows of zeros). */
export const ROLLUP_COUNTED = sql<boolean>`(e.kind IN ('message_in', 'reply', 'csat_sent', 'csat_answered')
  OR (e.kind IN ('conversation_created', 'reopen') AND e.is_case)
  OR (e.kind = 'sla' AND e.metric IN ('first_response', 'next_response', 'resolution') AND e.is_met IS NOT NULL))`;

/** The UTC quarter hour of an instant (alias `e`). */
export const ROLLUP_BUCKET = sql<Date>`date_bin('15 minutes', e.occurred_at, timestamptz '2001-01-01 00:00:00+00')`;

const COLUMNS = sql.raw(
  `account_id, bucket_start, dimension, value, is_business_hours, ${ROLLUP_MEASURES.join(', ')}`,
);

/**
 * INSERT the rollup of the events in `source` (a table or CTE with the columns of
 * analytics_events, read as alias `e`), adding to rows already there.
 */
export function insertRollup(source: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`) {
  const sums = sql.join(
    ROLLUP_MEASURES.map((m) => sql`sum(${ROLLUP_MEASURE_SQL[m]})::int`),
    sql`, `,
  );
  const adds = sql.raw(ROLLUP_MEASURES.map((m) => `${m} = r.${m} + excluded.${m}`).join(', '));
  return sql`INSERT INTO analytics_rollup_15m AS r (${COLUMNS})
    SELECT e.account_id, ${ROLLUP_BUCKET}, d.dimension, d.value, e.is_business_hours, ${sums}
    FROM ${source} e CROSS JOIN LATERAL (VALUES
      ('all', ''),
      ('channel', e.channel_id::text),
      ('provider', e.provider),
      ('visibility', CASE WHEN e.is_public THEN 'public' ELSE 'private' END),
      ('team', coalesce(e.team_id::text, '')),
      ('agent', coalesce(e.agent_id::text, '')),
      ('priority', e.priority),
      ('intent', coalesce(e.intent, ''))) AS d(dimension, value)
    WHERE ${ROLLUP_COUNTED} AND ${where}
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (account_id, dimension, bucket_start, value, is_business_hours) DO UPDATE SET ${adds}`;
}

/**
 * Recompute from the stored reporting events what reports derive from them: the rollup and the
 * summaries' business-hours flags. For events loaded in bulk (the analytics bench) and
 * `parley analytics rebuild --rollup-only`; a replay of the log rewrites both anyway.
 */
export async function rebuildRollup(db: Kysely<DB>, accountId?: string): Promise<void> {
  const ofAccount = (alias: string) =>
    accountId ? sql`${sql.ref(`${alias}.account_id`)} = ${accountId}` : sql`true`;
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM analytics_rollup_15m r WHERE ${ofAccount('r')}`.execute(trx);
    await insertRollup(sql`analytics_events`, ofAccount('e')).execute(trx);
    await sql`
      UPDATE analytics_conversations c
      SET started_in_business_hours = h.started, first_resolved_in_business_hours = h.resolved
      FROM (SELECT conversation_id,
              bool_or(is_business_hours) FILTER (WHERE kind = 'conversation_created') AS started,
              bool_or(is_business_hours) FILTER (WHERE kind = 'resolution') AS resolved
            FROM analytics_events e
            WHERE kind IN ('conversation_created', 'resolution') AND cycle = 1 AND ${ofAccount('e')}
            GROUP BY conversation_id) h
      WHERE h.conversation_id = c.conversation_id AND ${ofAccount('c')}
        AND (c.started_in_business_hours IS DISTINCT FROM h.started
          OR c.first_resolved_in_business_hours IS DISTINCT FROM h.resolved)`.execute(trx);
  });
}
