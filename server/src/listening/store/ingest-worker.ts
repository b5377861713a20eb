import { randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type {
  Database,
  DB,
  ListeningMentionMonitorsTable,
  ListeningMentionsTable,
  ListeningObservationsTable,
} from '../../db/index.ts';
import { appendRealtimeEvents, type RealtimeEvent } from '../../realtime/index.ts';
import type { TriageModels, TriageSettings } from '../../triage/index.ts';
import { convertMentionToCase } from './convert-mention.ts';
import { engagementTotal, triagePost } from './mention-triage.ts';
import { type AccountMonitors, MonitorCache } from './monitor-cache.ts';
import { type PublicPost, parseListeningDelivery } from './x-stream.ts';

// Observation ids must become visible in id order: the alert worker follows them by id.
const OBSERVATION_ORDER_LOCK = 7_330_909;
// Rows per multi-row INSERT (PostgreSQL allows 65,535 parameters per statement).
const INSERT_CHUNK = 1000;

export interface ListeningIngestOptions {
  db: Database;
  clock: Clock;
  models: TriageModels;
  reopenWindowDays: number;
  batchSize?: number;
  maxAttempts?: number;
  onPublished?: () => void;
}

interface DeliveryRow {
  id: number;
  account_id: string;
  channel_id: string;
  body: string;
  attempts: number;
  received_at: Date;
}

/**
 * Turns stored listening deliveries into mentions: parse, match against the account's monitors,
 * triage, store (a post seen again only adds an engagement reading), apply auto-case rules.
 */
export class ListeningIngest {
  readonly monitors = new MonitorCache();

  constructor(private readonly options: ListeningIngestOptions) {}

  /** Claims and processes one batch; returns how many deliveries it claimed. */
  async processBatch(): Promise<number> {
    const { db } = this.options;
    const now = this.options.clock();
    const limit = this.options.batchSize ?? 50;
    let claimed = 0;
    try {
      claimed = await db.kysely.transaction().execute(async (trx) => {
        const rows = await this.#claim(trx, now, limit);
        if (rows.length > 0) await this.#apply(trx, rows, now);
        return rows.length;
      });
    } catch {
      // One bad delivery must not hold up the rest: redo the batch with a savepoint per delivery.
      claimed = await db.kysely.transaction().execute(async (trx) => {
        const rows = await this.#claim(trx, now, limit);
        for (const row of rows) await this.#applyOneOrPark(trx, row, now);
        return rows.length;
      });
    }
    if (claimed > 0) this.options.onPublished?.();
    return claimed;
  }

  async #applyOneOrPark(trx: Kysely<DB>, row: DeliveryRow, now: Date): Promise<void> {
    try {
      await sql`SAVEPOINT listening_delivery`.execute(trx);
      await this.#apply(trx, [row], now);
      await sql`RELEASE SAVEPOINT listening_delivery`.execute(trx);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT listening_delivery`.execute(trx);
      const attempts = row.attempts + 1;
      const isDead = attempts >= (this.options.maxAttempts ?? 8) || error instanceof SyntaxError;
      await trx
        .updateTable('listening_deliveries')
        .set({
          attempts,
          status: isDead ? 'dead' : 'pending',
          last_error: String((error as Error).message ?? error).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + Math.min(600, 2 ** attempts) * 1000),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }

  async #claim(trx: Kysely<DB>, now: Date, limit: number): Promise<DeliveryRow[]> {
    const result = await sql<DeliveryRow>`
      SELECT id, account_id, channel_id, body, attempts, received_at FROM listening_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx);
    return result.rows.map((r) => ({ ...r, id: Number(r.id), received_at: new Date(r.received_at) }));
  }

  async #apply(trx: Kysely<DB>, rows: DeliveryRow[], now: Date): Promise<void> {
    const events: RealtimeEvent[] = [];
    const byAccount = new Map<string, { channelId: string; post: PublicPost; receivedAt: Date }[]>();
    const parsed: number[] = [];
    for (const row of rows) {
      let posts: PublicPost[];
      try {
        posts = parseListeningDelivery(row.body);
      } catch (error) {
        // A payload that is not the format will never be: park it at once, keep the error.
        await trx
          .updateTable('listening_deliveries')
          .set({
            status: 'dead',
            last_error: String((error as Error).message).slice(0, 500),
            processed_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      parsed.push(row.id);
      const list = byAccount.get(row.account_id) ?? [];
      for (const post of posts) list.push({ channelId: row.channel_id, post, receivedAt: row.received_at });
      byAccount.set(row.account_id, list);
    }
    if (byAccount.size > 0) await sql`SELECT pg_advisory_xact_lock(${OBSERVATION_ORDER_LOCK})`.execute(trx);
    for (const [accountId, items] of byAccount) {
      const monitors = await this.monitors.forAccount(trx, accountId);
      if (monitors.set.monitors.length === 0) continue;
      const count = await this.#storeAccount(trx, accountId, monitors, items, now, events);
      if (count > 0) events.push({ accountId, type: 'listening.mentions', payload: { stored: count } });
    }
    if (parsed.length > 0) {
      await trx
        .updateTable('listening_deliveries')
        .set({ status: 'done', processed_at: now, last_error: null })
        .where('id', 'in', parsed)
        .execute();
    }
    await appendRealtimeEvents(trx, events);
  }

  async #storeAccount(
    trx: Kysely<DB>,
    accountId: string,
    monitors: AccountMonitors,
    items: { channelId: string; post: PublicPost; receivedAt: Date }[],
    now: Date,
    events: RealtimeEvent[],
  ): Promise<number> {
    const account = await trx
      .selectFrom('accounts')
      .select('settings')
      .where('id', '=', accountId)
      .executeTakeFirst();
    const settings = (account?.settings.triage ?? {}) as Partial<TriageSettings>;
    const channels = await trx
      .selectFrom('channels')
      .select(['id', 'provider'])
      .where('account_id', '=', accountId)
      .where('id', 'in', [...new Set(items.map((i) => i.channelId))])
      .execute();
    const providerOf = new Map(channels.map((c) => [c.id, c.provider as string]));
    const existing = await trx
      .selectFrom('listening_mentions')
      .select(['id', 'channel_id', 'external_id', 'engagement'])
      .where('account_id', '=', accountId)
      .where('external_id', 'in', [...new Set(items.map((i) => i.post.externalId))])
      .execute();
    const known = new Map<
      string,
      { id: string; engagement: number; pending?: Insertable<ListeningMentionsTable> }
    >(existing.map((m) => [`${m.channel_id}:${m.external_id}`, m]));
    // Rows are written with one multi-row insert per table at the end, in arrival order.
    const mentions: Insertable<ListeningMentionsTable>[] = [];
    const links: Insertable<ListeningMentionMonitorsTable>[] = [];
    const observations: Insertable<ListeningObservationsTable>[] = [];
    const toConvert: { mentionId: string; monitorId: string }[] = [];
    for (const { channelId, post, receivedAt } of items) {
      const key = `${channelId}:${post.externalId}`;
      const engagement = engagementTotal(post);
      const seen = known.get(key);
      if (seen) {
        // The same post again: one mention; a higher count is an engagement reading.
        if (engagement > seen.engagement) {
          seen.engagement = engagement;
          if (seen.pending) {
            Object.assign(seen.pending, { engagement, engagement_detail: JSON.stringify(post.engagement) });
          } else {
            await trx
              .updateTable('listening_mentions')
              .set({ engagement, engagement_detail: JSON.stringify(post.engagement), updated_at: now })
              .where('id', '=', seen.id)
              .execute();
          }
          observations.push({
            account_id: accountId,
            mention_id: seen.id,
            is_first: false,
            observed_at: receivedAt,
            engagement,
          });
        }
        continue;
      }
      const monitorIds = monitors.match(post.text, post.language);
      if (monitorIds.length === 0) continue;
      const provider = providerOf.get(channelId) ?? 'x';
      const { result, stored: triage } = triagePost(this.options.models, settings, provider, post);
      const id = randomUUID();
      const row: Insertable<ListeningMentionsTable> = {
        id,
        account_id: accountId,
        channel_id: channelId,
        provider,
        external_id: post.externalId,
        text: post.text,
        language: post.language ?? (result.language === 'und' ? null : result.language),
        author_external_id: post.author.externalUserId,
        author_handle: post.author.handle ?? null,
        author_name: post.author.displayName ?? null,
        author_followers: post.author.followerCount ?? null,
        author_verified: post.author.isVerified ?? false,
        author_url: post.authorUrl,
        permalink: post.permalink,
        posted_at: post.postedAt,
        engagement,
        engagement_detail: JSON.stringify(post.engagement),
        sentiment: result.sentiment.label,
        sentiment_score: result.sentiment.score,
        intent: result.intent.label,
        is_actionable: result.actionable.isActionable,
        reach: result.reach.score,
        triage: JSON.stringify(triage),
        updated_at: now,
      };
      mentions.push(row);
      known.set(key, { id, engagement, pending: row });
      for (const monitorId of monitorIds) {
        links.push({
          mention_id: id,
          monitor_id: monitorId,
          account_id: accountId,
          posted_at: post.postedAt,
        });
      }
      observations.push({
        account_id: accountId,
        mention_id: id,
        is_first: true,
        observed_at: post.postedAt,
        engagement,
      });
      const rule = monitors.autoCaseRuleFor(monitorIds, {
        sentiment: result.sentiment.label,
        isActionable: result.actionable.isActionable,
        reach: result.reach.score,
      });
      if (rule) toConvert.push({ mentionId: id, monitorId: rule });
    }
    for (let i = 0; i < mentions.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('listening_mentions')
        .values(mentions.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (let i = 0; i < links.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('listening_mention_monitors')
        .values(links.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (let i = 0; i < observations.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('listening_observations')
        .values(observations.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (const { mentionId, monitorId } of toConvert) {
      const converted = await convertMentionToCase(trx, {
        accountId,
        mentionId,
        now,
        reopenWindowDays: this.options.reopenWindowDays,
        by: `rule:${monitorId}`,
      });
      events.push(...converted.events);
    }
    const stored = mentions.length;
    return stored;
  }
}
