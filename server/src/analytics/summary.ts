// The per-conversation summary the recorder keeps: state it needs to measure the next event
// (when the current cycle started, whether the customer is waiting) and the conversation's metrics.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AnalyticsConversationsTable, DB } from '../db/index.ts';

export type Summary = Selectable<AnalyticsConversationsTable>;

/** The summary row, locked; created from the conversation itself when analytics first sees it. */
export async function loadSummary(
  trx: Kysely<DB>,
  accountId: string,
  conversationId: string,
  occurredAt: Date,
): Promise<Summary | undefined> {
  const existing = await trx
    .selectFrom('analytics_conversations')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (existing) return existing;
  const conversation = await trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select([
      'c.id',
      'c.channel_id',
      'ch.provider',
      'c.is_public',
      'c.is_case',
      'c.team_id',
      'c.assignee_id',
      'c.intent',
      'c.priority',
    ])
    .where('c.id', '=', conversationId)
    .where('c.account_id', '=', accountId)
    .executeTakeFirst();
  if (!conversation) return undefined;
  return trx
    .insertInto('analytics_conversations')
    .values({
      conversation_id: conversationId,
      account_id: accountId,
      channel_id: conversation.channel_id,
      provider: conversation.provider,
      is_public: conversation.is_public,
      is_case: conversation.is_case,
      team_id: conversation.team_id,
      assignee_id: conversation.assignee_id,
      intent: conversation.intent,
      priority: conversation.priority,
      started_at: occurredAt,
      cycle_started_at: occurredAt,
      updated_at: occurredAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function saveSummary(trx: Kysely<DB>, summary: Summary): Promise<void> {
  const { conversation_id, account_id, ...rest } = summary;
  await trx
    .updateTable('analytics_conversations')
    .set(rest)
    .where('conversation_id', '=', conversation_id)
    .where('account_id', '=', account_id)
    .execute();
}

/** Agents' active time on a conversation between two instants, from their viewing/typing stretches. */
export async function workSeconds(
  trx: Kysely<DB>,
  conversationId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const result = await sql<{ seconds: number | string | null }>`
    SELECT sum(extract(epoch FROM least(coalesce(ended_at, last_seen_at), ${to}::timestamptz)
                              - greatest(started_at, ${from}::timestamptz)))::float8 AS seconds
    FROM conversation_work_time
    WHERE conversation_id = ${conversationId}
      AND started_at < ${to}::timestamptz AND coalesce(ended_at, last_seen_at) > ${from}::timestamptz`.execute(
    trx,
  );
  return Number(result.rows[0]?.seconds ?? 0);
}
