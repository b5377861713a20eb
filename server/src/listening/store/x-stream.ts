import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// The listening stream speaks X API v2's post format, as delivered by the filtered stream
// (`{ data: post, includes, matching_rules }`, one post per delivery) and by recent search
// (`{ data: [post…], includes, meta }`, a page of posts). Later deliveries of a post carry newer
// public_metrics: they are engagement readings.

const Metrics = Type.Object({
  like_count: Type.Optional(Type.Integer({ minimum: 0 })),
  retweet_count: Type.Optional(Type.Integer({ minimum: 0 })),
  reply_count: Type.Optional(Type.Integer({ minimum: 0 })),
  quote_count: Type.Optional(Type.Integer({ minimum: 0 })),
});
const Post = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,25}$' }),
  text: Type.String({ maxLength: 25_000 }),
  author_id: Type.String({ minLength: 1, maxLength: 64 }),
  created_at: Type.String({ minLength: 10, maxLength: 40 }),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  public_metrics: Type.Optional(Metrics),
});
const User = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  username: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  verified: Type.Optional(Type.Boolean()),
  public_metrics: Type.Optional(
    Type.Object({ followers_count: Type.Optional(Type.Integer({ minimum: 0 })) }),
  ),
});
export const ListeningEnvelope = Type.Object({
  data: Type.Union([Post, Type.Array(Post, { maxItems: 500 })]),
  includes: Type.Optional(Type.Object({ users: Type.Optional(Type.Array(User, { maxItems: 500 })) })),
  matching_rules: Type.Optional(Type.Array(Type.Unknown())),
  meta: Type.Optional(Type.Unknown()),
});
export type ListeningEnvelope = Static<typeof ListeningEnvelope>;

export interface PublicPost {
  externalId: string;
  text: string;
  language: string | undefined;
  postedAt: Date;
  author: {
    externalUserId: string;
    handle?: string;
    displayName?: string;
    followerCount?: number;
    isVerified?: boolean;
  };
  permalink: string | null;
  authorUrl: string | null;
  engagement: { likes: number; reposts: number; replies: number; quotes: number };
}

/** Parse one listening delivery; throws with the failing path when it is not the X v2 format. */
export function parseListeningDelivery(body: string): PublicPost[] {
  const parsed: unknown = JSON.parse(body);
  if (!Value.Check(ListeningEnvelope, parsed)) {
    const first = Value.Errors(ListeningEnvelope, parsed).First();
    throw new Error(`listening payload does not match the X v2 post format at ${first?.path ?? '/'}`);
  }
  const users = new Map((parsed.includes?.users ?? []).map((u) => [u.id, u]));
  const posts = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return posts.map((post) => {
    if (Number.isNaN(Date.parse(post.created_at)))
      throw new Error(`created_at of post ${post.id} is not a date`);
    const user = users.get(post.author_id);
    const m = post.public_metrics ?? {};
    return {
      externalId: post.id,
      text: post.text,
      language: post.lang && post.lang !== 'und' ? post.lang : undefined,
      postedAt: new Date(post.created_at),
      author: {
        externalUserId: post.author_id,
        ...(user ? { handle: user.username } : {}),
        ...(user?.name ? { displayName: user.name } : {}),
        ...(user?.public_metrics?.followers_count !== undefined
          ? { followerCount: user.public_metrics.followers_count }
          : {}),
        ...(user?.verified !== undefined ? { isVerified: user.verified } : {}),
      },
      permalink: user
        ? `https://x.com/${user.username}/status/${post.id}`
        : `https://x.com/i/web/status/${post.id}`,
      authorUrl: user ? `https://x.com/${user.username}` : null,
      engagement: {
        likes: m.like_count ?? 0,
        reposts: (m.retweet_count ?? 0) + (m.quote_count ?? 0),
        replies: m.reply_count ?? 0,
        quotes: m.quote_count ?? 0,
      },
    };
  });
}

/** Build a delivery in the same format (the simulator and tests use it). */
export function buildListeningDelivery(
  posts: {
    id: string;
    text: string;
    createdAt: Date;
    lang?: string;
    author: { id: string; username: string; name?: string; followers?: number; verified?: boolean };
    metrics?: { likes?: number; reposts?: number; replies?: number };
  }[],
  shape: 'stream' | 'search' = posts.length === 1 ? 'stream' : 'search',
): ListeningEnvelope {
  const data = posts.map((p) => ({
    id: p.id,
    text: p.text,
    author_id: p.author.id,
    created_at: p.createdAt.toISOString(),
    ...(p.lang ? { lang: p.lang } : {}),
    public_metrics: {
      like_count: p.metrics?.likes ?? 0,
      retweet_count: p.metrics?.reposts ?? 0,
      reply_count: p.metrics?.replies ?? 0,
      quote_count: 0,
    },
  }));
  const users = [...new Map(posts.map((p) => [p.author.id, p.author])).values()].map((a) => ({
    id: a.id,
    username: a.username,
    ...(a.name ? { name: a.name } : {}),
    verified: a.verified ?? false,
    public_metrics: { followers_count: a.followers ?? 0 },
  }));
  return shape === 'stream' && data[0]
    ? { data: data[0], includes: { users }, matching_rules: [] }
    : { data, includes: { users }, meta: { result_count: data.length } };
}
