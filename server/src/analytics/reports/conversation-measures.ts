// Measures that belong to a conversation as a whole, from its summary row: response rate (by
// when it started), FCR, first touch resolution, reopen rate and sentiment turned around (by when
// it was first resolved).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { type DimensionColumns, dimensionWhere, labelJoin, type ReportFilter } from './filters.ts';

export const CONVERSATION_COLUMNS: DimensionColumns = {
  alias: 'c',
  agent: 'assignee_id',
  time: 'started_at',
};

export interface ConversationMeasures {
  /** Cases that started in the range. */
  started: number;
  /** …of which an agent has answered. */
  answered: number;
  /** Cases first resolved in the range. */
  firstResolved: number;
  /** …resolved with exactly one agent reply. */
  firstTouchResolved: number;
  /** …and not reopened within the FCR window. */
  firstContactResolved: number;
  /** …reopened at least once since. */
  reopened: number;
  /** …that started negative. */
  startedNegative: number;
  /** …of those, ending neutral or positive. */
  turnedAround: number;
}

export function emptyConversationMeasures(): ConversationMeasures {
  return {
    started: 0,
    answered: 0,
    firstResolved: 0,
    firstTouchResolved: 0,
    firstContactResolved: 0,
    reopened: 0,
    startedNegative: 0,
    turnedAround: 0,
  };
}

/** Business-hours filter for conversations: by whether they started (or were resolved) in business hours. */
export async function conversationMeasures(
  db: Kysely<DB>,
  filter: ReportFilter,
  key: RawBuilder<unknown>,
): Promise<Map<string, ConversationMeasures>> {
  const where = dimensionWhere(filter, CONVERSATION_COLUMNS);
  const join = labelJoin(filter, 'c');
  const windowDays = filter.fcrWindowDays;
  // By default the conversation's own instants decide; with an in/out-of-hours filter, also
  // whether it started (or was first resolved, in its first cycle) in business hours.
  const source = (column: 'started_at' | 'first_resolved_at') => {
    const flag = column === 'started_at' ? 'started_in_business_hours' : 'first_resolved_in_business_hours';
    const hours =
      filter.hours === 'all' ? sql`` : sql`AND ${sql.ref(`c.${flag}`)} = ${filter.hours === 'in'}`;
    return sql`FROM analytics_conversations c ${join}
      WHERE ${where} AND c.is_case AND ${sql.ref(`c.${column}`)} >= ${filter.from} AND ${sql.ref(`c.${column}`)} < ${filter.to} ${hours}`;
  };
  const [started, resolved] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT ${key} AS key, count(*) AS started, count(c.first_response_at) AS answered
      ${source('started_at')}
      GROUP BY 1`.execute(db),
    sql<Record<string, unknown>>`
      SELECT ${key} AS key,
        count(*) AS resolved,
        count(*) FILTER (WHERE c.first_resolution_agent_replies = 1) AS ftr,
        count(*) FILTER (WHERE c.first_resolution_agent_replies = 1 AND (c.first_reopened_at IS NULL
          OR c.first_reopened_at > c.first_resolved_at + make_interval(days => ${windowDays}))) AS fcr,
        count(*) FILTER (WHERE c.reopen_count > 0) AS reopened,
        count(*) FILTER (WHERE c.sentiment_start = 'negative') AS negative,
        count(*) FILTER (WHERE c.sentiment_start = 'negative' AND c.sentiment_end IN ('neutral', 'positive')) AS turned
      ${source('first_resolved_at')}
      GROUP BY 1`.execute(db),
  ]);
  const out = new Map<string, ConversationMeasures>();
  const get = (key: unknown) => {
    const k = key === null || key === undefined ? '' : String(key);
    let m = out.get(k);
    if (!m) {
      m = emptyConversationMeasures();
      out.set(k, m);
    }
    return m;
  };
  for (const row of started.rows) {
    const m = get(row.key);
    m.started = Number(row.started);
    m.answered = Number(row.answered);
  }
  for (const row of resolved.rows) {
    const m = get(row.key);
    m.firstResolved = Number(row.resolved);
    m.firstTouchResolved = Number(row.ftr);
    m.firstContactResolved = Number(row.fcr);
    m.reopened = Number(row.reopened);
    m.startedNegative = Number(row.negative);
    m.turnedAround = Number(row.turned);
  }
  return out;
}
