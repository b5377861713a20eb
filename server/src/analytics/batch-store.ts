// What the recorder reads and writes once per batch of activity rows, whatever its size: one read
// of the accounts' settings, calendars and webhook subscriptions, one locking read of the
// conversations' summary rows, one query for the handle times of the batch's resolutions, and one
// statement that writes the new events, the changed summaries and the rollup.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { AnalyticsEventsTable, BusinessCalendarsTable, DB } from '../db/index.ts';
import { alwaysOpenCalendar, calendarFromRow } from '../routing/index.ts';
import { type Clocks, clocksFor } from './calendar.ts';
import { insertRollup } from './rollup.ts';
import type { EventRow, HandleTimeRequest } from './row-recorder.ts';
import { type AnalyticsSettings, mergeAnalyticsSettings } from './settings.ts';
import type { Summary } from './summary.ts';
import { type AnalyticsEvent, WEBHOOK_EVENT_KINDS } from './webhook-queue.ts';

export interface AccountContext {
  clocks: Clocks;
  settings: AnalyticsSettings;
  /** Event kinds the account's active webhook subscribes to; null without one. */
  webhookKinds: Set<string> | null;
}

/** Settings, default business calendar and webhook subscription of each account, in one query. */
export async function loadAccountContexts(
  trx: Kysely<DB>,
  accountIds: string[],
): Promise<Map<string, AccountContext>> {
  const rows = await trx
    .selectFrom('accounts as a')
    .leftJoin('business_calendars as bc', (join) =>
      join.onRef('bc.account_id', '=', 'a.id').on('bc.is_default', '=', true),
    )
    .leftJoin('analytics_webhooks as w', (join) =>
      join.onRef('w.account_id', '=', 'a.id').on('w.is_active', '=', true),
    )
    .select([
      'a.id',
      'a.settings',
      'w.kinds as webhook_kinds',
      sql<Selectable<BusinessCalendarsTable> | null>`to_jsonb(bc)`.as('calendar'),
    ])
    .where('a.id', 'in', accountIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        clocks: clocksFor(row.calendar ? calendarFromRow(row.calendar) : alwaysOpenCalendar()),
        settings: mergeAnalyticsSettings(row.settings.analytics),
        webhookKinds: row.webhook_kinds
          ? new Set(row.webhook_kinds.length > 0 ? row.webhook_kinds : WEBHOOK_EVENT_KINDS)
          : null,
      },
    ]),
  );
}

/**
 * The summary rows of the batch's conversations, locked (in id order, so two writers cannot
 * deadlock); a conversation analytics sees for the first time gets a new one, from the
 * conversation itself, written with the others at the end. Conversations that are gone are absent.
 */
export async function loadSummaries(trx: Kysely<DB>, rows: Activity[]): Promise<Map<string, Summary>> {
  const firstRow = new Map<string, Activity>();
  for (const row of rows) if (!firstRow.has(row.conversationId)) firstRow.set(row.conversationId, row);
  const ids = [...firstRow.keys()].sort();
  const accountIds = [...new Set(rows.map((r) => r.accountId))];
  const existing = await trx
    .selectFrom('analytics_conversations')
    .selectAll()
    .where('conversation_id', 'in', ids)
    .where('account_id', 'in', accountIds)
    .orderBy('conversation_id')
    .forUpdate()
    .execute();
  const summaries = new Map(existing.map((s) => [s.conversation_id, s]));
  const missing = ids.filter((id) => !summaries.has(id));
  if (missing.length === 0) return summaries;
  const conversations = await trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select([
      'c.id',
      'c.account_id',
      'c.channel_id',
      'ch.provider',
      'c.is_public',
      'c.is_case',
      'c.team_id',
      'c.assignee_id',
      'c.intent',
      'c.priority',
    ])
    .where('c.id', 'in', missing)
    .where('c.account_id', 'in', accountIds)
    .execute();
  for (const c of conversations) {
    const first = firstRow.get(c.id)!;
    if (first.accountId !== c.account_id) continue;
    summaries.set(c.id, newSummary(c, first.occurredAt));
  }
  return summaries;
}

/** A summary as the table's defaults make it, seen first at `at`. */
function newSummary(
  c: Pick<
    Summary,
    'channel_id' | 'provider' | 'is_public' | 'is_case' | 'team_id' | 'assignee_id' | 'intent'
  > & {
    id: string;
    account_id: string;
    priority: string;
  },
  at: Date,
): Summary {
  return {
    conversation_id: c.id,
    account_id: c.account_id,
    channel_id: c.channel_id,
    provider: c.provider,
    is_public: c.is_public,
    is_case: c.is_case,
    team_id: c.team_id,
    assignee_id: c.assignee_id,
    intent: c.intent,
    priority: c.priority,
    sentiment_start: null,
    sentiment_end: null,
    started_at: at,
    cycle: 1,
    cycle_started_at: at,
    is_open: true,
    awaiting_since: null,
    first_assigned_at: null,
    first_response_at: null,
    first_resolved_at: null,
    last_resolved_at: null,
    first_reopened_at: null,
    agent_reply_count: 0,
    cycle_agent_replies: 0,
    first_resolution_agent_replies: null,
    resolution_count: 0,
    reopen_count: 0,
    first_response_s: null,
    first_response_bh_s: null,
    assignment_s: null,
    assignment_bh_s: null,
    resolution_s: null,
    resolution_bh_s: null,
    handle_s: 0,
    csat_sent_at: null,
    csat_score: null,
    csat_message_id: null,
    updated_at: at,
    started_in_business_hours: null,
    first_resolved_in_business_hours: null,
  };
}

/**
 * Agents' active time on each conversation inside each resolved cycle (their viewing/typing
 * stretches clipped to it), one query for the batch; set on the events and added to the summaries
 * in the order the resolutions happened.
 */
export async function applyHandleTimes(trx: Kysely<DB>, requests: HandleTimeRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const list = requests.map((r, i) => ({
    i,
    conversation_id: r.summary.conversation_id,
    from_at: r.from.toISOString(),
    to_at: r.to.toISOString(),
  }));
  const result = await sql<{ i: number; seconds: number | string | null }>`
    SELECT r.i, sum(extract(epoch FROM least(coalesce(w.ended_at, w.last_seen_at), r.to_at)
                                     - greatest(w.started_at, r.from_at)))::float8 AS seconds
    FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS r(i int, conversation_id uuid, from_at timestamptz, to_at timestamptz)
    JOIN conversation_work_time w ON w.conversation_id = r.conversation_id
      AND w.started_at < r.to_at AND coalesce(w.ended_at, w.last_seen_at) > r.from_at
    GROUP BY r.i`.execute(trx);
  // A cycle without any stretch has no row: no handle time.
  const seconds = new Map(result.rows.map((row) => [Number(row.i), Number(row.seconds ?? 0)]));
  for (const [i, request] of requests.entries()) {
    const handle = seconds.get(i) ?? 0;
    request.event.handle_s = handle;
    request.summary.handle_s += handle;
  }
}

// Column types for reading the batch back from JSON (jsonb_to_recordset): every column, checked
// against the table types, so a new column cannot be left out silently.
const EVENT_TYPES = {
  account_id: 'uuid',
  conversation_id: 'uuid',
  kind: 'text',
  occurred_at: 'timestamptz',
  started_at: 'timestamptz',
  wall_s: 'float8',
  business_s: 'float8',
  is_business_hours: 'boolean',
  agent_id: 'uuid',
  team_id: 'uuid',
  channel_id: 'uuid',
  provider: 'text',
  is_public: 'boolean',
  is_case: 'boolean',
  priority: 'text',
  intent: 'text',
  cycle: 'integer',
  agent_replies: 'integer',
  handle_s: 'float8',
  metric: 'text',
  is_met: 'boolean',
  score: 'smallint',
  activity_id: 'bigint',
} satisfies Record<Exclude<keyof AnalyticsEventsTable, 'id'>, string>;

const SUMMARY_TYPES = {
  conversation_id: 'uuid',
  account_id: 'uuid',
  channel_id: 'uuid',
  provider: 'text',
  is_public: 'boolean',
  is_case: 'boolean',
  team_id: 'uuid',
  assignee_id: 'uuid',
  intent: 'text',
  priority: 'text',
  sentiment_start: 'text',
  sentiment_end: 'text',
  started_at: 'timestamptz',
  cycle: 'integer',
  cycle_started_at: 'timestamptz',
  is_open: 'boolean',
  awaiting_since: 'timestamptz',
  first_assigned_at: 'timestamptz',
  first_response_at: 'timestamptz',
  first_resolved_at: 'timestamptz',
  last_resolved_at: 'timestamptz',
  first_reopened_at: 'timestamptz',
  agent_reply_count: 'integer',
  cycle_agent_replies: 'integer',
  first_resolution_agent_replies: 'integer',
  resolution_count: 'integer',
  reopen_count: 'integer',
  first_response_s: 'float8',
  first_response_bh_s: 'float8',
  assignment_s: 'float8',
  assignment_bh_s: 'float8',
  resolution_s: 'float8',
  resolution_bh_s: 'float8',
  handle_s: 'float8',
  csat_sent_at: 'timestamptz',
  csat_score: 'smallint',
  csat_message_id: 'uuid',
  updated_at: 'timestamptz',
  started_in_business_hours: 'boolean',
  first_resolved_in_business_hours: 'boolean',
} satisfies Record<keyof Summary, string>;

const columnList = (types: Record<string, string>) => sql.raw(Object.keys(types).join(', '));
const recordType = (types: Record<string, string>) =>
  sql.raw(
    Object.entries(types)
      .map(([column, type]) => `${column} ${type}`)
      .join(', '),
  );
const SUMMARY_UPDATES = sql.raw(
  Object.keys(SUMMARY_TYPES)
    .filter((c) => c !== 'conversation_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);

/**
 * One statement for the whole batch: insert the events (ids in the order they happened), upsert
 * the summaries, add the events to the rollup. Returns the inserted events when asked (webhooks).
 */
export async function writeBatch(
  trx: Kysely<DB>,
  events: EventRow[],
  summaries: Summary[],
  isReturningEvents: boolean,
): Promise<AnalyticsEvent[]> {
  if (events.length === 0 && summaries.length === 0) return [];
  const eventsJson = JSON.stringify(events.map((e, ord) => ({ ...e, ord })));
  const result = await sql<AnalyticsEvent>`
    WITH ev AS (
      INSERT INTO analytics_events (${columnList(EVENT_TYPES)})
      SELECT ${columnList(EVENT_TYPES)}
      FROM jsonb_to_recordset(${eventsJson}::jsonb) AS x(${recordType(EVENT_TYPES)}, ord integer)
      ORDER BY ord
      RETURNING *
    ), summaries AS (
      INSERT INTO analytics_conversations (${columnList(SUMMARY_TYPES)})
      SELECT ${columnList(SUMMARY_TYPES)}
      FROM jsonb_to_recordset(${JSON.stringify(summaries)}::jsonb) AS x(${recordType(SUMMARY_TYPES)})
      ON CONFLICT (conversation_id) DO UPDATE SET ${SUMMARY_UPDATES}
    ), rollup AS (${insertRollup(sql`ev`)})
    SELECT * FROM ev WHERE ${isReturningEvents} ORDER BY id`.execute(trx);
  return result.rows;
}
