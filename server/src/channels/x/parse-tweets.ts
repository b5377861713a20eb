import type { Attachment, DeleteEvent, MessageEvent } from '../adapter.ts';
import { epochToIso, expectShape, PayloadError, type ShapeOf } from '../meta/payload.ts';
import { type MediaShape, Tweet, TweetDelete } from './schemas.ts';

// `tweet_create_events`: mentions, replies, quotes and reposts involving the brand, as v1.1 Tweet
// objects. The brand's own tweets come back too: they are marked isEcho so no reply loop starts.

type TweetShape = ShapeOf<typeof Tweet>;

export function parseTweet(raw: unknown, brandUserId: string | undefined, where: string): MessageEvent {
  const tweet = expectShape(Tweet, raw, where);
  const user = tweet.user;
  const metadata: Record<string, unknown> = {};
  let surface: string;
  if (tweet.retweeted_status) {
    surface = 'repost';
    metadata.isRepost = true;
    metadata.repostOfExternalId = tweet.retweeted_status.id_str;
  } else if (tweet.quoted_status || tweet.quoted_status_id_str) {
    surface = 'quote';
    metadata.quotedExternalId = tweet.quoted_status?.id_str ?? tweet.quoted_status_id_str;
    if (tweet.quoted_status) metadata.quotedText = decodeXEntities(fullText(tweet.quoted_status));
  } else {
    surface = tweet.in_reply_to_status_id_str ? 'reply' : 'mention';
  }
  const media = tweet.extended_tweet?.extended_entities?.media ?? tweet.extended_entities?.media ?? [];
  return {
    kind: 'message',
    eventKey: `tweet:${tweet.id_str}`,
    occurredAt: tweetTime(tweet, where),
    externalId: tweet.id_str,
    ...(tweet.in_reply_to_status_id_str ? { replyToExternalId: tweet.in_reply_to_status_id_str } : {}),
    author: {
      externalUserId: user.id_str,
      ...(user.screen_name ? { handle: user.screen_name } : {}),
      ...(user.name ? { displayName: user.name } : {}),
      ...(typeof user.followers_count === 'number' ? { followerCount: user.followers_count } : {}),
      ...(user.verified !== undefined ? { isVerified: user.verified } : {}),
    },
    text: decodeXEntities(fullText(tweet)),
    attachments: media.map(toAttachment),
    isPublic: true,
    isEcho: brandUserId !== undefined && user.id_str === brandUserId,
    surface,
    engagement: {
      ...count('likes', tweet.favorite_count),
      ...count('reposts', tweet.retweet_count),
      ...count('replies', tweet.reply_count),
      ...count('quotes', tweet.quote_count),
    },
    permalink: user.screen_name
      ? `https://x.com/${user.screen_name}/status/${tweet.id_str}`
      : `https://x.com/i/web/status/${tweet.id_str}`,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

export function parseTweetDelete(raw: unknown, where: string): DeleteEvent {
  const deletion = expectShape(TweetDelete, raw, where);
  return {
    kind: 'delete',
    eventKey: `tweet:${deletion.status.id}:delete`,
    occurredAt: epochToIso(deletion.timestamp_ms, `${where}.timestamp_ms`),
    externalId: deletion.status.id,
  };
}

/** Tweets over 140 characters arrive truncated with the whole text in extended_tweet.full_text. */
function fullText(tweet: Pick<TweetShape, 'text' | 'extended_tweet'> & { full_text?: string }): string {
  return tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
}

function tweetTime(tweet: TweetShape, where: string): string {
  if (tweet.timestamp_ms !== undefined) return epochToIso(tweet.timestamp_ms, `${where}.timestamp_ms`);
  if (tweet.created_at) {
    const at = Date.parse(tweet.created_at);
    if (!Number.isNaN(at)) return new Date(at).toISOString();
  }
  throw new PayloadError(`${where}: tweet has neither timestamp_ms nor a readable created_at`);
}

function count(key: string, value: number | null | undefined): Record<string, number> {
  return typeof value === 'number' ? { [key]: value } : {};
}

export function toAttachment(media: MediaShape): Attachment {
  const kind: Attachment['kind'] =
    media.type === 'photo'
      ? 'image'
      : media.type === 'video' || media.type === 'animated_gif'
        ? 'video'
        : 'other';
  const best = (media.video_info?.variants ?? [])
    .filter((variant) => variant.content_type === 'video/mp4')
    .sort((a, b) => (b.bitrate ?? 0) - (a.bitrate ?? 0))[0];
  const url = best?.url ?? media.media_url_https;
  return url ? { kind, url, ...(best?.content_type ? { mimeType: best.content_type } : {}) } : { kind };
}

/** X escapes &, < and > in v1.1 text; Parley stores plain text (rendered as text, never HTML). */
export function decodeXEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
