import { createHash } from 'node:crypto';
import type { SimulatedChannel } from './simulated-channel.ts';
import type { TwcsTweet } from './twcs-csv.ts';
import type { WebhookSender } from './webhook-sender.ts';

// Replays a TWCS file as X webhooks: customer tweets as mentions (threaded by
// in_reply_to_status_id_str), brand tweets as the brand's own posts (author = for_user_id), so
// Parley stores them as replies already sent. Gaps between tweets are divided by the speed-up.

/** A stable numeric X user id for a brand handle (the file has handles, X deliveries need ids). */
export function brandUserId(handle: string): string {
  const digits = BigInt(
    `0x${createHash('sha256').update(handle.toLowerCase()).digest('hex').slice(0, 15)}`,
  ).toString();
  return `9${digits.padStart(18, '0').slice(0, 18)}`;
}

export interface ReplayOptions {
  webhooks: WebhookSender;
  /** The channel for each brand handle (see `assignBrands`). */
  channelFor: (brand: string) => SimulatedChannel;
  brandOf: Map<string, string>;
  /** 60 plays an hour of the file in a minute; Infinity sends as fast as Parley acknowledges. */
  speedup: number;
  /** Longest real wait between two tweets (the file has gaps of years). Default 5 s. */
  maxGapMs?: number;
  onProgress?: (sent: number) => void;
}

export interface ReplayResult {
  sent: number;
  refused: { tweetId: string; status: number }[];
}

/** Send the tweets (already in replay order) one after the other, so Parley receives them in order. */
export async function replayTweets(ordered: TwcsTweet[], options: ReplayOptions): Promise<ReplayResult> {
  const refused: ReplayResult['refused'] = [];
  let previous: Date | undefined;
  let sent = 0;
  for (const tweet of ordered) {
    if (previous && Number.isFinite(options.speedup)) {
      const gap = (tweet.createdAt.getTime() - previous.getTime()) / options.speedup;
      const wait = Math.min(Math.max(0, gap), options.maxGapMs ?? 5000);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    previous = tweet.createdAt;
    const brand = options.brandOf.get(tweet.tweetId) ?? 'unassigned';
    const channel = options.channelFor(brand);
    const common = {
      id: tweet.tweetId,
      text: tweet.text,
      at: tweet.createdAt,
      ...(tweet.inResponseToTweetId ? { inReplyToId: tweet.inResponseToTweetId } : {}),
    };
    const answer =
      !tweet.isInbound && brand === tweet.authorId
        ? await options.webhooks.xBrandTweet(channel, common)
        : await options.webhooks.xTweet(channel, {
            ...common,
            author: { id: tweet.authorId, screenName: `customer${tweet.authorId}`, followers: 100 },
          });
    if (answer.status !== 200) refused.push({ tweetId: tweet.tweetId, status: answer.status });
    sent += 1;
    options.onProgress?.(sent);
  }
  return { sent, refused };
}
