import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { toMessageDto } from '../../inbox/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';
import type { ChannelContext } from '../adapter.ts';
import type { ChannelStore } from '../store.ts';
import { WorkerLoop } from '../worker-loop.ts';
import { graphBaseUrl } from './graph-requests.ts';
import { settingString } from './payload.ts';

// Instagram mention webhooks carry only ids. This worker fetches each stored mention's text and
// author from the Graph API (the mentioned comment, or the caption of the mentioned media) and
// fills them in, so the agent sees what was said and by whom.

const MAX_ATTEMPTS = 5;

export interface MentionHydratorOptions {
  db: Database;
  channels: ChannelStore;
  onPublished: () => void | Promise<void>;
  onError?: (error: unknown) => void;
  fetch?: typeof fetch;
  idleMs?: number;
}

interface Pending {
  id: string;
  channel_id: string;
  metadata: Record<string, unknown>;
  author_contact_id: string | null;
}

/** The Graph request that reads one mention (comment mention or caption mention). */
export function mentionLookupUrl(
  channel: ChannelContext,
  mediaId: string,
  commentId?: string,
): string | null {
  const igAccountId = settingString(channel, 'igAccountId');
  if (!igAccountId) return null;
  const fields = commentId
    ? `mentioned_comment.comment_id(${commentId}){text,username,timestamp,media{id,permalink}}`
    : `mentioned_media.media_id(${mediaId}){caption,username,timestamp,permalink}`;
  return `${graphBaseUrl(channel)}/${encodeURIComponent(igAccountId)}?fields=${encodeURIComponent(fields)}`;
}

export function readMention(
  body: unknown,
  isComment: boolean,
): { text: string; username?: string; permalink?: string } | null {
  const root = body as Record<string, unknown> | null;
  const found = (isComment ? root?.mentioned_comment : root?.mentioned_media) as
    | Record<string, unknown>
    | undefined;
  if (!found || typeof found !== 'object') return null;
  const text = isComment ? found.text : found.caption;
  const media = found.media as { permalink?: unknown } | undefined;
  const permalink = typeof found.permalink === 'string' ? found.permalink : media?.permalink;
  return {
    text: typeof text === 'string' ? text : '',
    ...(typeof found.username === 'string' ? { username: found.username } : {}),
    ...(typeof permalink === 'string' ? { permalink } : {}),
  };
}

export class MentionHydrator {
  readonly #loop: WorkerLoop;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: MentionHydratorOptions) {
    this.#fetch = options.fetch ?? fetch;
    this.#loop = new WorkerLoop(() => this.processBatch(), {
      idleMs: options.idleMs ?? 5000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Hydrate up to 20 waiting mentions; returns how many were tried. */
  async processBatch(): Promise<number> {
    const { db } = this.options;
    const rows = (
      await sql<Pending>`
        SELECT m.id, m.channel_id, m.metadata, m.author_contact_id FROM messages m
        WHERE m.surface = 'mention' AND m.metadata->>'needsHydration' = 'true'
        ORDER BY m.sent_at LIMIT 20`.execute(db.kysely)
    ).rows;
    let changed = 0;
    for (const row of rows) {
      const channel = await this.options.channels.context(db.kysely, row.channel_id);
      if (channel?.provider !== 'instagram') continue;
      const mediaId = String(row.metadata.mediaId ?? '');
      const commentId = typeof row.metadata.commentId === 'string' ? row.metadata.commentId : undefined;
      const url = mentionLookupUrl(channel, mediaId, commentId);
      const attempts = Number(row.metadata.hydrationAttempts ?? 0) + 1;
      let patch: Record<string, unknown>;
      let fill: { text: string; username?: string; permalink?: string } | null = null;
      if (!url || !channel.secrets.accessToken) {
        patch = {
          needsHydration: false,
          hydrationError: 'settings.igAccountId and an access token are needed',
        };
      } else {
        try {
          const res = await this.#fetch(url, {
            headers: { authorization: `Bearer ${channel.secrets.accessToken}` },
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await res.json().catch(() => null)) as unknown;
          fill = res.ok ? readMention(body, commentId !== undefined) : null;
          const isTransient = res.status === 429 || res.status >= 500;
          patch = fill
            ? { needsHydration: false, hydrationAttempts: attempts }
            : {
                needsHydration: isTransient && attempts < MAX_ATTEMPTS,
                hydrationAttempts: attempts,
                hydrationError: `Graph answered ${res.status}`,
              };
        } catch (error) {
          patch = {
            needsHydration: attempts < MAX_ATTEMPTS,
            hydrationAttempts: attempts,
            hydrationError: (error as Error).message,
          };
        }
      }
      await this.#apply(row, channel, patch, fill);
      changed++;
    }
    if (changed > 0) await this.options.onPublished();
    return rows.length === 20 ? rows.length : 0;
  }

  async #apply(
    row: Pending,
    channel: ChannelContext,
    patch: Record<string, unknown>,
    fill: { text: string; username?: string; permalink?: string } | null,
  ): Promise<void> {
    await this.options.db.kysely.transaction().execute(async (trx) => {
      const metadata = {
        ...row.metadata,
        ...patch,
        ...(fill?.username ? { username: fill.username } : {}),
        ...(fill?.permalink ? { permalink: fill.permalink } : {}),
      };
      const message = await trx
        .updateTable('messages')
        .set({ metadata: JSON.stringify(metadata), ...(fill ? { text: fill.text } : {}) })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (fill?.username && row.author_contact_id) {
        // The placeholder author of the mention becomes the Instagram user who wrote it.
        await trx
          .updateTable('contact_identities')
          .set({ handle: fill.username, display_name: fill.username })
          .where('contact_id', '=', row.author_contact_id)
          .where('provider', '=', 'instagram')
          .where('external_user_id', 'like', 'unknown:mention:%')
          .execute();
        await trx
          .updateTable('contacts')
          .set({ name: `@${fill.username}` })
          .where('id', '=', row.author_contact_id)
          .where('name', 'is', null)
          .execute();
      }
      await appendRealtimeEvents(trx, [
        {
          accountId: channel.accountId,
          type: 'message.updated',
          payload: { message: toMessageDto(message) },
        },
      ]);
    });
  }
}
