import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { foldText } from '../query/fold-text.ts';
import type { Sentiment } from '../sentiment.ts';
import { clusterComplaints } from '../trends/complaint-clusters.ts';
import { sentimentOverTime } from '../trends/sentiment-over-time.ts';
import { shareOfVoice } from '../trends/share-of-voice.ts';
import { countTerms, emergingTerms, topTerms } from '../trends/term-counts.ts';

export interface TrendsQuery {
  from: Date;
  to: Date;
  bucketMs: number;
  monitorId?: string;
}

/** Trends are computed on a window's mentions; beyond this many, the most recent are used. */
export const TRENDS_MAX_MENTIONS = 20_000;

/**
 * Everything the listening dashboard charts for a window: volume and sentiment over time, top terms
 * and phrases, emerging terms (last fifth of the window against the rest), complaint clusters with
 * counts over time and example posts, and share of voice of brand vs competitor monitors.
 */
export async function listeningTrends(db: Kysely<DB>, accountId: string, q: TrendsQuery) {
  const monitors = await db
    .selectFrom('listening_monitors')
    .select(['id', 'name', 'query', 'role'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  let query = db
    .selectFrom('listening_mentions as m')
    .select([
      'm.id',
      'm.text',
      'm.posted_at',
      'm.sentiment',
      'm.permalink',
      'm.author_handle',
      'm.engagement',
    ])
    .where('m.account_id', '=', accountId)
    .where('m.posted_at', '>=', q.from)
    .where('m.posted_at', '<', q.to);
  if (q.monitorId) {
    const monitorId = q.monitorId;
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
  const rows = (await query.orderBy('m.posted_at', 'desc').limit(TRENDS_MAX_MENTIONS).execute()).reverse();
  const links = await db
    .selectFrom('listening_mention_monitors')
    .select(['mention_id', 'monitor_id'])
    .where('account_id', '=', accountId)
    .where('posted_at', '>=', q.from)
    .where('posted_at', '<', q.to)
    .execute();
  const monitorsOf = new Map<string, string[]>();
  for (const l of links)
    monitorsOf.set(l.mention_id, [...(monitorsOf.get(l.mention_id) ?? []), l.monitor_id]);

  const from = q.from.getTime();
  const to = q.to.getTime();
  const mentions = rows.map((r) => ({
    id: r.id,
    text: r.text,
    at: r.posted_at.getTime(),
    sentiment: r.sentiment as Sentiment,
    monitorIds: monitorsOf.get(r.id) ?? [],
  }));
  // Monitor names and their words say nothing new about the brand they name.
  const ignore = new Set<string>();
  for (const m of monitors) for (const word of foldText(m.name).split(/\s+/)) if (word) ignore.add(word);
  const counts = countTerms(
    mentions.map((m) => m.text),
    { ignore },
  );
  const split = to - (to - from) / 5;
  const emerging = emergingTerms(
    countTerms(
      mentions.filter((m) => m.at >= split).map((m) => m.text),
      { ignore },
    ),
    countTerms(
      mentions.filter((m) => m.at < split).map((m) => m.text),
      { ignore },
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const clusters = clusterComplaints(
    mentions.filter((m) => m.sentiment === 'negative').map((m) => ({ id: m.id, text: m.text, at: m.at })),
    { ignore, bucketMs: q.bucketMs },
  )
    .slice(0, 12)
    .map((c) => ({
      label: c.label,
      terms: c.terms,
      size: c.size,
      firstAt: new Date(c.firstAt).toISOString(),
      lastAt: new Date(c.lastAt).toISOString(),
      counts: c.counts.map((b) => ({ start: new Date(b.start).toISOString(), count: b.count })),
      examples: c.examples.map((e) => {
        const row = byId.get(e.id);
        return {
          mentionId: e.id,
          text: e.text,
          permalink: row?.permalink ?? null,
          author: row?.author_handle ?? null,
        };
      }),
    }));
  const voiceIds = monitors.filter((m) => m.role !== 'topic').map((m) => m.id);
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    bucketMs: q.bucketMs,
    mentionCount: mentions.length,
    isTruncated: rows.length >= TRENDS_MAX_MENTIONS,
    sentimentOverTime: sentimentOverTime(mentions, { from, to, bucketMs: q.bucketMs }).map((b) => ({
      ...b,
      start: new Date(b.start).toISOString(),
    })),
    topTerms: topTerms(counts, { kind: 'words', limit: 15 }),
    topPhrases: topTerms(counts, { kind: 'phrases', limit: 10 }),
    emergingTerms: emerging,
    complaintClusters: clusters,
    shareOfVoice: shareOfVoice(mentions, voiceIds).map((v) => ({
      ...v,
      monitorName: names.get(v.monitorId) ?? v.monitorId,
      role: monitors.find((m) => m.id === v.monitorId)?.role ?? 'brand',
    })),
  };
}
