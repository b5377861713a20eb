import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { Annotation } from './inbound-batch-rows.ts';

// Changes a batch makes to rows that already exist (conversations that take more messages,
// identities whose profile changed) are gathered in memory and written at flush() as one
// UPDATE … FROM (VALUES …) per table: a batch pays one round trip, not one per message.

/** Everything a batch's messages change on one existing conversation, in arrival order. */
export interface ConversationDelta {
  messages: number;
  lastAt: Date;
  /** Snippet of the latest customer message; null when only echoes arrived. */
  snippet: string | null;
  lastCustomerAt: Date | null;
  /** The first customer message's time: where waiting starts if the conversation was not waiting. */
  waitingFrom: Date | null;
  reopened: number;
  becomesCase: boolean;
  sentimentStart: string | null;
  note: Annotation | null;
  /** Priority from triage, unless an agent set it by hand. */
  priority: Annotation['priority'] | null;
}

const rankOf = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export function addToDelta(
  deltas: Map<string, ConversationDelta>,
  conversationId: string,
  message: { sentAt: Date; isEcho?: boolean | undefined },
  change: {
    snippet: string;
    isReopen: boolean;
    becomesCase: boolean;
    isFirstInbound: boolean;
    note: Annotation | undefined;
    isPriorityManual: boolean;
  },
): void {
  let delta = deltas.get(conversationId);
  if (!delta) {
    delta = {
      messages: 0,
      lastAt: message.sentAt,
      snippet: null,
      lastCustomerAt: null,
      waitingFrom: null,
      reopened: 0,
      becomesCase: false,
      sentimentStart: null,
      note: null,
      priority: null,
    };
    deltas.set(conversationId, delta);
  }
  delta.messages += 1;
  if (message.sentAt > delta.lastAt) delta.lastAt = message.sentAt;
  if (message.isEcho) return;
  delta.snippet = change.snippet;
  if (!delta.lastCustomerAt || message.sentAt > delta.lastCustomerAt) delta.lastCustomerAt = message.sentAt;
  delta.waitingFrom ??= message.sentAt;
  if (change.isReopen) delta.reopened += 1;
  if (change.becomesCase) delta.becomesCase = true;
  if (change.note) {
    delta.note = change.note;
    if (!change.isPriorityManual) delta.priority = change.note.priority;
    if (change.isFirstInbound) delta.sentimentStart ??= change.note.sentiment;
  }
}

export async function writeConversationDeltas(
  trx: Kysely<DB>,
  deltas: Map<string, ConversationDelta>,
  now: Date,
): Promise<void> {
  if (deltas.size === 0) return;
  const rows = [...deltas].map(
    ([id, d]) => sql`(${id}::uuid, ${d.messages}::int, ${d.lastAt}::timestamptz, ${d.snippet}::text,
      ${d.lastCustomerAt}::timestamptz, ${d.waitingFrom}::timestamptz, ${d.reopened}::int,
      ${d.becomesCase}::boolean, ${d.sentimentStart}::text, ${d.note?.sentiment ?? null}::text,
      ${d.note?.intent ?? null}::text, ${d.note?.language ?? null}::text,
      ${d.note ? JSON.stringify(d.note.triage) : null}::jsonb, ${d.priority?.level ?? null}::text,
      ${d.priority ? rankOf[d.priority.level] : null}::smallint, ${d.priority?.score ?? null}::real)`,
  );
  const ids = [...deltas.keys()].sort();
  deltas.clear();
  // Take the rows' locks in id order first, as the routing and SLA followers do: an UPDATE … FROM
  // (VALUES …) locks in whatever order its join runs, and two writers locking the same rows in
  // different orders deadlock (PostgreSQL then waits a second and aborts one of them).
  await sql`SELECT 1 FROM conversations WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`.execute(
    trx,
  );
  await sql`
    UPDATE conversations AS c SET
      message_count = c.message_count + v.messages,
      last_message_at = greatest(c.last_message_at, v.last_at),
      snippet = coalesce(v.snippet, c.snippet),
      last_customer_message_at = greatest(c.last_customer_message_at, v.last_customer_at),
      waiting_since = coalesce(c.waiting_since, v.waiting_from),
      status = CASE WHEN v.snippet IS NOT NULL AND c.status IN ('pending', 'snoozed', 'resolved')
        THEN 'open' ELSE c.status END,
      reopen_count = c.reopen_count + v.reopened,
      resolved_at = CASE WHEN v.reopened > 0 OR v.becomes_case THEN NULL ELSE c.resolved_at END,
      is_case = c.is_case OR v.becomes_case,
      sentiment_start = coalesce(v.sentiment_start, c.sentiment_start),
      sentiment_end = coalesce(v.sentiment_end, c.sentiment_end),
      intent = coalesce(v.intent, c.intent),
      language = coalesce(v.language, c.language),
      triage = coalesce(v.triage, c.triage),
      priority = coalesce(v.priority, c.priority),
      priority_rank = coalesce(v.priority_rank, c.priority_rank),
      priority_score = coalesce(v.priority_score, c.priority_score),
      updated_at = ${now}
    FROM (VALUES ${sql.join(rows)}) AS v(id, messages, last_at, snippet, last_customer_at, waiting_from,
      reopened, becomes_case, sentiment_start, sentiment_end, intent, language, triage, priority,
      priority_rank, priority_score)
    WHERE c.id = v.id`.execute(trx);
}

/** Profile fields that changed on known identities, latest value per identity. */
export type IdentityChanges = Map<
  string,
  { handle?: string; display_name?: string; follower_count?: number; is_verified?: boolean }
>;

export async function writeIdentityChanges(
  trx: Kysely<DB>,
  input: { accountId: string; provider: string; now: Date },
  changes: IdentityChanges,
): Promise<void> {
  if (changes.size === 0) return;
  const rows = [...changes].map(
    ([externalUserId, c]) => sql`(${externalUserId}::text, ${c.handle ?? null}::text,
      ${c.display_name ?? null}::text, ${c.follower_count ?? null}::int, ${c.is_verified ?? null}::boolean)`,
  );
  changes.clear();
  await sql`
    UPDATE contact_identities AS ci SET
      handle = coalesce(v.handle, ci.handle),
      display_name = coalesce(v.display_name, ci.display_name),
      follower_count = coalesce(v.follower_count, ci.follower_count),
      is_verified = coalesce(v.is_verified, ci.is_verified),
      updated_at = ${input.now}
    FROM (VALUES ${sql.join(rows)}) AS v(external_user_id, handle, display_name, follower_count, is_verified)
    WHERE ci.account_id = ${input.accountId} AND ci.provider = ${input.provider}
      AND ci.external_user_id = v.external_user_id`.execute(trx);
}
