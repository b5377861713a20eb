import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { isWithinBusinessHours } from './business-hours.ts';
import type { Facts } from './types.ts';

/** Load what conditions look at; the message's own text when a message triggered the rule. */
export async function loadFacts(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  options: { messageId?: string | null; now: Date },
): Promise<Facts | null> {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .select([
      'c.id',
      'c.channel_id',
      'ch.provider',
      'c.is_public',
      'c.status',
      'c.sentiment_end',
      'c.sentiment_start',
      'c.intent',
      'c.priority',
      'c.language',
      'c.assignee_id',
      'c.team_id',
      'ct.is_vip',
      sql<
        number | null
      >`(SELECT max(ci.follower_count) FROM contact_identities ci WHERE ci.contact_id = c.contact_id)`.as(
        'follower_count',
      ),
      sql<
        string[]
      >`(SELECT coalesce(array_agg(cl.label_id::text), '{}') FROM conversation_labels cl WHERE cl.conversation_id = c.id)`.as(
        'label_ids',
      ),
    ])
    .where('c.account_id', '=', accountId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) return null;
  const message = await db
    .selectFrom('messages')
    .select('text')
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .$if(Boolean(options.messageId), (q) => q.where('id', '=', options.messageId!))
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    conversationId: row.id,
    channelId: row.channel_id,
    provider: row.provider,
    isPublic: row.is_public,
    status: row.status,
    text: message?.text ?? '',
    sentiment: row.sentiment_end ?? row.sentiment_start,
    intent: row.intent,
    priority: row.priority,
    followerCount: row.follower_count === null ? null : Number(row.follower_count),
    language: row.language,
    isVip: row.is_vip,
    isWithinBusinessHours: await isWithinBusinessHours(db, accountId, options.now),
    labelIds: row.label_ids ?? [],
    assigneeId: row.assignee_id,
    teamId: row.team_id,
  };
}
