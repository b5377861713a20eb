import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { POLL_OFFSETS_MINUTES } from '../simulate/engagement-poller.ts';
import type { SimulatedIncident } from '../simulate/incidents.ts';
import type { BrandProfile } from '../simulate/post-templates.ts';
import {
  DEFAULT_COMPETITORS,
  engagementAt,
  type SimulatedPost,
  simulatePosts,
} from '../simulate/simulate-posts.ts';
import { createMonitor } from '../store/monitors.ts';
import { buildListeningDelivery } from '../store/x-stream.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const DEMO_BRAND: BrandProfile = {
  name: 'DemoOutfitters',
  handle: 'DemoOutfitters',
  hashtag: 'demooutfitters',
  products: ['Outfitters app', 'Outfitters Club', 'demooutfitters.com'],
};

export interface ListeningDemoOptions {
  db: Kysely<DB>;
  channelId: string;
  /** Where the channel's listening stream is posted: `{parleyUrl}/webhooks/listening/{channelId}`. */
  parleyUrl: string;
  /** Signature headers for a body, as the channel's platform signs its webhooks. */
  sign: (body: string) => Record<string, string>;
  now: () => number;
  /** Days of history sent at start (the seasonal baseline needs three). */
  historyDays?: number;
  /** Minutes from start until the next injected incident begins. */
  incidentInMinutes?: number;
  seed?: number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
}

/** Seeds the demo monitors once: the brand, two competitors, and a delivery topic across all three. */
async function seedMonitors(db: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  const existing = await db
    .selectFrom('listening_monitors')
    .select('id')
    .where('account_id', '=', accountId)
    .execute();
  if (existing.length > 0) return;
  const monitors = [
    {
      name: DEMO_BRAND.name,
      query: 'demooutfitters OR @demooutfitters OR #demooutfitters* OR "outfitters app" OR "outfitters club"',
      role: 'brand' as const,
      autoCase: { minReach: 0.8 },
    },
    ...DEFAULT_COMPETITORS.map((c) => ({
      name: c.name,
      query: `${c.name.toLowerCase()} OR @${c.handle.toLowerCase()} OR #${c.hashtag.toLowerCase()}`,
      role: 'competitor' as const,
    })),
    {
      name: 'Delivery talk',
      query:
        '(demooutfitters OR @demooutfitters OR shopwell OR cartly) (deliver* OR parcel OR courier OR shipping)',
      role: 'topic' as const,
    },
  ];
  for (const m of monitors) await createMonitor(db, accountId, m, now);
}

/** The simulated week, shifted so that an outage starts `incidentInMinutes` after now. */
export function demoPosts(
  now: number,
  options: { historyDays: number; incidentInMinutes: number; seed: number },
) {
  for (let seed = options.seed; seed < options.seed + 40; seed++) {
    const start = Math.floor((now - options.historyDays * DAY_MS) / DAY_MS) * DAY_MS;
    const { posts, incidents } = simulatePosts({
      seed,
      start,
      days: options.historyDays + 3,
      brand: DEMO_BRAND,
      brandMentionsPerDay: 1500,
      competitorMentionsPerDay: [800, 450],
      unrelatedPostsPerDay: 500,
    });
    const target = incidents.find(
      (i) =>
        i.kind === 'outage' &&
        i.subject === DEMO_BRAND.name &&
        i.start >= start + (options.historyDays - 0.5) * DAY_MS,
    );
    if (!target) continue;
    const shift = now + options.incidentInMinutes * MINUTE_MS - target.start;
    return {
      posts: posts.map((p) => ({ ...p, at: p.at + shift })),
      incidents: incidents.map(
        (i): SimulatedIncident => ({ ...i, start: i.start + shift, end: i.end + shift }),
      ),
    };
  }
  throw new Error('no seed gives an outage in the demo window');
}

function numericId(id: string): string {
  return BigInt(`0x${createHash('sha256').update(id).digest('hex').slice(0, 15)}`).toString();
}

function toWire(post: SimulatedPost, at: number, salt = '') {
  const handle = post.author.handle.replace(/^@/, '');
  return {
    id: numericId(salt + post.id),
    text: post.text,
    createdAt: new Date(post.at),
    lang: post.language,
    author: { id: numericId(handle), username: handle, followers: post.author.followers },
    metrics: { likes: engagementAt(post, at) },
  };
}

/**
 * Demo listening: seeds monitors, sends a few days of history as search pages, then streams posts
 * (and engagement readings of the posts that draw attention) in real time, with an outage a few
 * minutes after start. Returns a stop function.
 */
export async function startListeningDemo(options: ListeningDemoOptions): Promise<() => Promise<void>> {
  const channel = await options.db
    .selectFrom('channels')
    .select('account_id')
    .where('id', '=', options.channelId)
    .executeTakeFirstOrThrow();
  await seedMonitors(options.db, channel.account_id, new Date(options.now()));
  // A restarted demo keeps its history and streams new posts (new ids), so its outage is new too.
  const hasHistory = await options.db
    .selectFrom('listening_mentions')
    .select('id')
    .where('account_id', '=', channel.account_id)
    .limit(1)
    .executeTakeFirst();
  const started = options.now();
  const { posts, incidents } = demoPosts(started, {
    historyDays: options.historyDays ?? 4,
    incidentInMinutes: options.incidentInMinutes ?? 6,
    seed: options.seed ?? 7,
  });
  const url = `${options.parleyUrl.replace(/\/+$/, '')}/webhooks/listening/${options.channelId}`;
  const doFetch = options.fetch ?? fetch;
  let isStopped = false;
  const send = async (wire: ReturnType<typeof toWire>[]) => {
    const body = JSON.stringify(buildListeningDelivery(wire));
    for (let attempt = 0; attempt < 5 && !isStopped; attempt++) {
      try {
        const res = await doFetch(url, { method: 'POST', headers: options.sign(body), body });
        if (res.status < 500) return;
      } catch {
        // Parley may still be starting: retry like a platform would
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  };
  const history = hasHistory ? [] : posts.filter((p) => p.at < started);
  const salt = hasHistory ? `${started}:` : '';
  const live = posts.filter((p) => p.at >= started);
  for (const i of incidents.filter((x) => x.end > started - 2 * DAY_MS)) {
    options.log?.(`listening demo incident: ${i.kind} on ${i.subject} at ${new Date(i.start).toISOString()}`);
  }
  const run = (async () => {
    for (let i = 0; i < history.length && !isStopped; i += 100) {
      await send(history.slice(i, i + 100).map((p) => toWire(p, started)));
    }
    options.log?.(`listening demo: sent ${history.length} posts of history; streaming live`);
    // Readings of posts that draw attention, at the poller's offsets; others are read once.
    const readings = live
      .filter((p) => p.engagement.final >= 200)
      .flatMap((p) => POLL_OFFSETS_MINUTES.map((m) => ({ post: p, at: p.at + m * MINUTE_MS })));
    const queue = [...live.map((p) => ({ post: p, at: p.at })), ...readings].sort((a, b) => a.at - b.at);
    let next = 0;
    while (!isStopped && next < queue.length) {
      const now = options.now();
      const due: ReturnType<typeof toWire>[] = [];
      while (next < queue.length && (queue[next]?.at ?? Number.POSITIVE_INFINITY) <= now) {
        const item = queue[next++];
        if (item) due.push(toWire(item.post, item.at, salt));
      }
      for (let i = 0; i < due.length; i += 100) await send(due.slice(i, i + 100));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return async () => {
    isStopped = true;
    await run.catch(() => undefined);
  };
}
