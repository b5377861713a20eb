import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, ListeningMentionsTable } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

export interface MentionFilters {
  monitorId?: string;
  sentiment?: string;
  intent?: string;
  isActionable?: boolean;
  minReach?: number;
  isConverted?: boolean;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
}

export interface MentionDto {
  id: string;
  channelId: string;
  provider: string;
  externalId: string;
  text: string;
  language: string | null;
  author: {
    externalId: string;
    handle: string | null;
    name: string | null;
    followers: number | null;
    isVerified: boolean;
    url: string | null;
  };
  permalink: string | null;
  postedAt: string;
  engagement: number;
  engagementDetail: Record<string, number>;
  sentiment: string;
  sentimentScore: number;
  intent: string;
  isActionable: boolean;
  reach: number;
  priority: string | null;
  monitorIds: string[];
  conversationId: string | null;
  convertedAt: string | null;
  convertedBy: string | null;
}

export function toMentionDto(row: Selectable<ListeningMentionsTable>, monitorIds: string[]): MentionDto {
  const triage = row.triage as { priority?: { level?: string } };
  return {
    id: row.id,
    channelId: row.channel_id,
    provider: row.provider,
    externalId: row.external_id,
    text: row.text,
    language: row.language,
    author: {
      externalId: row.author_external_id,
      handle: row.author_handle,
      name: row.author_name,
      followers: row.author_followers,
      isVerified: row.author_verified,
      url: row.author_url,
    },
    permalink: row.permalink,
    postedAt: row.posted_at.toISOString(),
    engagement: row.engagement,
    engagementDetail: row.engagement_detail,
    sentiment: row.sentiment,
    sentimentScore: row.sentiment_score,
    intent: row.intent,
    isActionable: row.is_actionable,
    reach: row.reach,
    priority: triage.priority?.level ?? null,
    monitorIds,
    conversationId: row.conversation_id,
    convertedAt: row.converted_at ? row.converted_at.toISOString() : null,
    convertedBy: row.converted_by,
  };
}

function decodeCursor(cursor: string): { postedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const postedAt = new Date(at ?? '');
  if (!id || Number.isNaN(postedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('bad_request', 'Invalid cursor');
  }
  return { postedAt, id };
}

/** Newest first, by (posted_at, id); `nextCursor` continues after the last row returned. */
export async function listMentions(
  db: Kysely<DB>,
  accountId: string,
  filters: MentionFilters,
): Promise<{ mentions: MentionDto[]; nextCursor: string | null }> {
  const limit = Math.min(200, filters.limit ?? 50);
  let query = db.selectFrom('listening_mentions as m').selectAll('m').where('m.account_id', '=', accountId);
  if (filters.monitorId) {
    const monitorId = filters.monitorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('listening_mention_monitors as mm')
          .select('mm.mention_id')
          .whereRef('mm.mention_id', '=', 'm.id')
          .where('mm.monitor_id', '=', monitorId),
      ),
    );
  }
  if (filters.sentiment) query = query.where('m.sentiment', '=', filters.sentiment);
  if (filters.intent) query = query.where('m.intent', '=', filters.intent);
  if (filters.isActionable !== undefined) query = query.where('m.is_actionable', '=', filters.isActionable);
  if (filters.minReach !== undefined) query = query.where('m.reach', '>=', filters.minReach);
  if (filters.isConverted !== undefined)
    query = query.where('m.conversation_id', filters.isConverted ? 'is not' : 'is', null);
  if (filters.from) query = query.where('m.posted_at', '>=', filters.from);
  if (filters.to) query = query.where('m.posted_at', '<', filters.to);
  if (filters.cursor) {
    const c = decodeCursor(filters.cursor);
    query = query.where(sql<boolean>`(m.posted_at, m.id) < (${c.postedAt}, ${c.id}::uuid)`);
  }
  const rows = await query
    .orderBy('m.posted_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const links = page.length
    ? await db
        .selectFrom('listening_mention_monitors')
        .select(['mention_id', 'monitor_id'])
        .where(
          'mention_id',
          'in',
          page.map((r) => r.id),
        )
        .execute()
    : [];
  const byMention = new Map<string, string[]>();
  for (const l of links) byMention.set(l.mention_id, [...(byMention.get(l.mention_id) ?? []), l.monitor_id]);
  const last = page[page.length - 1];
  return {
    mentions: page.map((r) => toMentionDto(r, byMention.get(r.id) ?? [])),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(`${last.posted_at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}
