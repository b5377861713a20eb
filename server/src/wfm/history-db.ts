// Parley's own history from the database. Kept apart from the pure core: this is the only file
// in server/src/wfm that queries storage; it returns plain interval buckets to `buckets.ts`.
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/index.ts';
import { type IntervalBucket, seriesFromBuckets } from './buckets.ts';
import type { BucketedHistory } from './history.ts';
import { calendar24x7 } from './series.ts';

export type HistoryMeasure = 'conversations' | 'messages';

export interface DbHistoryOptions {
  accountId: string;
  /** IANA zone of the account: intervals are local wall-clock time. */
  zone: string;
  intervalMinutes: 15 | 30 | 60;
  /** Local dates, inclusive. */
  fromDate: string;
  toDate: string;
  /**
   * `conversations`: one contact per conversation (case), at its first inbound message;
   * `messages`: every inbound customer message.
   */
  measure: HistoryMeasure;
  /** Agent-seconds one agent reply stands for (handle time model, see docs/wfm.md). */
  secondsPerReply: number;
}

export interface ChannelHistory {
  provider: string;
  history: BucketedHistory;
}

export interface DbHistory {
  channels: ChannelHistory[];
  total: BucketedHistory;
  /** Contacts in the window (all channels). */
  contacts: number;
}

interface Row {
  provider: string;
  day: string;
  minute: number;
  contacts: number;
  handle_seconds: number | null;
}

function windowUtc(options: DbHistoryOptions): { from: Date; to: Date } {
  const from = DateTime.fromISO(options.fromDate, { zone: options.zone }).startOf('day');
  const to = DateTime.fromISO(options.toDate, { zone: options.zone }).plus({ days: 1 }).startOf('day');
  if (!from.isValid || !to.isValid) throw new Error('invalid history dates');
  return { from: from.toJSDate(), to: to.toJSDate() };
}

async function conversationRows(db: Kysely<DB>, o: DbHistoryOptions, from: Date, to: Date) {
  // A contact is a conversation that is a case, timed at its first inbound message. Its handle
  // time is the agents' measured time on it (viewing and typing, from the desk's presence
  // heartbeats in conversation_work_time) when there is any, else max(1, agent replies) ×
  // secondsPerReply (conversations worked before presence was recorded, or through the API).
  const local = sql`(f.started_at AT TIME ZONE ${o.zone})`;
  const result = await sql<Row>`
    WITH firsts AS (
      SELECT m.conversation_id, min(m.sent_at) AS started_at
      FROM messages m
      WHERE m.account_id = ${o.accountId} AND m.direction = 'in' AND m.author_type = 'contact'
      GROUP BY m.conversation_id
      HAVING min(m.sent_at) >= ${from} AND min(m.sent_at) < ${to}
    ), replies AS (
      SELECT m.conversation_id, count(*)::int AS n
      FROM messages m JOIN firsts f ON f.conversation_id = m.conversation_id
      WHERE m.account_id = ${o.accountId} AND m.direction = 'out' AND m.author_type = 'user'
      GROUP BY m.conversation_id
    ), worked AS (
      SELECT w.conversation_id,
        sum(extract(epoch FROM coalesce(w.ended_at, w.last_seen_at) - w.started_at)) AS s
      FROM conversation_work_time w JOIN firsts f ON f.conversation_id = w.conversation_id
      WHERE w.account_id = ${o.accountId}
      GROUP BY w.conversation_id
    )
    SELECT ch.provider,
      to_char(${local}, 'YYYY-MM-DD') AS day,
      (extract(hour FROM ${local}) * 60
        + floor(extract(minute FROM ${local}) / ${o.intervalMinutes}) * ${o.intervalMinutes})::int AS minute,
      count(*)::int AS contacts,
      sum(CASE WHEN coalesce(wk.s, 0) > 0 THEN wk.s
        ELSE greatest(coalesce(r.n, 0), 1) * ${o.secondsPerReply}::float8 END)::float8 AS handle_seconds
    FROM firsts f
    JOIN conversations c ON c.id = f.conversation_id AND c.account_id = ${o.accountId} AND c.is_case
    JOIN channels ch ON ch.id = c.channel_id AND ch.account_id = ${o.accountId}
    LEFT JOIN replies r ON r.conversation_id = f.conversation_id
    LEFT JOIN worked wk ON wk.conversation_id = f.conversation_id
    GROUP BY 1, 2, 3`.execute(db);
  return result.rows;
}

async function messageRows(db: Kysely<DB>, o: DbHistoryOptions, from: Date, to: Date) {
  const local = sql`(m.sent_at AT TIME ZONE ${o.zone})`;
  const result = await sql<Row>`
    SELECT ch.provider,
      to_char(${local}, 'YYYY-MM-DD') AS day,
      (extract(hour FROM ${local}) * 60
        + floor(extract(minute FROM ${local}) / ${o.intervalMinutes}) * ${o.intervalMinutes})::int AS minute,
      count(*)::int AS contacts,
      NULL::float8 AS handle_seconds
    FROM messages m
    JOIN channels ch ON ch.id = m.channel_id AND ch.account_id = ${o.accountId}
    WHERE m.account_id = ${o.accountId} AND m.direction = 'in' AND m.author_type = 'contact'
      AND NOT m.is_deleted AND m.sent_at >= ${from} AND m.sent_at < ${to}
    GROUP BY 1, 2, 3`.execute(db);
  return result.rows;
}

/** Volumes (and handle times, for conversations) per interval per channel provider, and in total. */
export async function loadHistoryFromDb(db: Kysely<DB>, options: DbHistoryOptions): Promise<DbHistory> {
  const { from, to } = windowUtc(options);
  const rows =
    options.measure === 'conversations'
      ? await conversationRows(db, options, from, to)
      : await messageRows(db, options, from, to);
  const calendar = calendar24x7(options.intervalMinutes);
  const toBucket = (r: Row): IntervalBucket => ({
    date: r.day,
    minuteOfDay: Number(r.minute),
    count: Number(r.contacts),
    ...(r.handle_seconds === null
      ? {}
      : {
          handleSecondsSum: Number(r.handle_seconds),
          handleCount: Number(r.contacts),
        }),
  });
  const providers = [...new Set(rows.map((r) => r.provider))].sort();
  const channels = providers.map((provider) => ({
    provider,
    history: seriesFromBuckets(
      rows.filter((r) => r.provider === provider).map(toBucket),
      calendar,
      options.fromDate,
      options.toDate,
    ),
  }));
  const total = seriesFromBuckets(rows.map(toBucket), calendar, options.fromDate, options.toDate);
  return { channels, total, contacts: rows.reduce((s, r) => s + Number(r.contacts), 0) };
}
