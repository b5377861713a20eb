import type { TwcsTweet } from './twcs-csv.ts';

// What Parley should make of a replayed TWCS file, computed from the file alone: which brand
// channel each tweet goes to, the replay order, and the conversations Parley's documented
// threading rules give (docs/architecture.md): a reply to a known message on the same channel joins
// that message's conversation; otherwise the author's unresolved conversation on the channel;
// otherwise a new one. Nothing is resolved during a replay, so the reopen rule never applies.

/** Replay order: by time, ties kept in file order. */
export function replayOrder(tweets: TwcsTweet[]): TwcsTweet[] {
  return tweets
    .map((tweet, index) => ({ tweet, index }))
    .sort((a, b) => a.tweet.createdAt.getTime() - b.tweet.createdAt.getTime() || a.index - b.index)
    .map(({ tweet }) => tweet);
}

/**
 * The brand whose channel receives each tweet: a brand's own tweets go to its channel; a
 * customer's to the brand that answers in its reply chain (the most frequent), else the first
 * brand it @mentions, else its first @mention.
 */
export function assignBrands(tweets: TwcsTweet[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootA, rootB);
  };
  for (const t of tweets) {
    find(t.tweetId);
    if (t.inResponseToTweetId) union(t.tweetId, t.inResponseToTweetId);
    for (const r of t.responseTweetIds) union(t.tweetId, r);
  }
  const brandVotes = new Map<string, Map<string, number>>();
  const brands = new Set<string>();
  for (const t of tweets) {
    if (t.isInbound) continue;
    brands.add(t.authorId.toLowerCase());
    const votes = brandVotes.get(find(t.tweetId)) ?? new Map<string, number>();
    votes.set(t.authorId, (votes.get(t.authorId) ?? 0) + 1);
    brandVotes.set(find(t.tweetId), votes);
  }
  const handleCase = new Map(
    [...tweets].filter((t) => !t.isInbound).map((t) => [t.authorId.toLowerCase(), t.authorId]),
  );
  const result = new Map<string, string>();
  for (const t of tweets) {
    if (!t.isInbound) {
      result.set(t.tweetId, t.authorId);
      continue;
    }
    const votes = [...(brandVotes.get(find(t.tweetId)) ?? new Map<string, number>())];
    votes.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const mentions = [...t.text.matchAll(/@(\w+)/g)].map((m) => m[1] ?? '');
    const knownMention = mentions.find((m) => brands.has(m.toLowerCase()));
    const brand =
      votes[0]?.[0] ??
      (knownMention ? handleCase.get(knownMention.toLowerCase()) : undefined) ??
      mentions[0] ??
      'unassigned';
    result.set(t.tweetId, brand);
  }
  return result;
}

export interface ExpectedGrouping {
  /** Tweet ids of each conversation, in the order Parley shows them. */
  conversations: string[][];
  conversationOf: Map<string, number>;
}

/** Parley's threading rules applied to the tweets in replay order, per brand channel. */
export function expectedConversations(ordered: TwcsTweet[], brandOf: Map<string, string>): ExpectedGrouping {
  const conversations: string[][] = [];
  const conversationOf = new Map<string, number>();
  const byAuthor = new Map<string, number>();
  for (const t of ordered) {
    if (conversationOf.has(t.tweetId)) continue; // a repeated id is stored once
    const channel = brandOf.get(t.tweetId) ?? 'unassigned';
    const parent = t.inResponseToTweetId;
    const parentConversation =
      parent && brandOf.get(parent) === channel ? conversationOf.get(parent) : undefined;
    // A conversation belongs to the contact who started it: rule 2 looks only at those.
    const authorKey = `${channel}\u0000${t.authorId}`;
    let index = parentConversation ?? byAuthor.get(authorKey);
    if (index === undefined) {
      index = conversations.push([]) - 1;
      byAuthor.set(authorKey, index);
    }
    conversations[index]?.push(t.tweetId);
    conversationOf.set(t.tweetId, index);
  }
  return { conversations, conversationOf };
}

export interface GroupingComparison {
  conversations_expected: number;
  conversations_found: number;
  messages_lost: number;
  messages_doubled: number;
  /** Tweets whose conversation holds a different set of tweets than expected. */
  misthreaded: number;
  /** Conversations with the right members in a different order. */
  misordered: number;
}

/** Compare the expected grouping with what Parley stored (external ids per conversation, in order). */
export function compareGrouping(
  expected: ExpectedGrouping,
  found: string[][],
  tweetIds: Set<string>,
): GroupingComparison {
  const seen = new Map<string, number>();
  for (const conversation of found) for (const id of conversation) seen.set(id, (seen.get(id) ?? 0) + 1);
  const relevant = found.map((c) => c.filter((id) => tweetIds.has(id))).filter((c) => c.length > 0);
  const foundOf = new Map<string, number>();
  relevant.forEach((c, index) => {
    for (const id of c) foundOf.set(id, index);
  });
  let misthreaded = 0;
  let misordered = 0;
  for (const group of expected.conversations) {
    const homes = new Set(group.map((id) => foundOf.get(id)));
    const home = homes.size === 1 ? [...homes][0] : undefined;
    const stored = home !== undefined ? relevant[home] : undefined;
    if (!stored || stored.length !== group.length) {
      misthreaded += group.filter((id) => tweetIds.has(id) && foundOf.has(id)).length;
      continue;
    }
    if (stored.some((id, i) => id !== group[i])) misordered += 1;
  }
  return {
    conversations_expected: expected.conversations.length,
    conversations_found: relevant.length,
    messages_lost: [...tweetIds].filter((id) => !seen.has(id)).length,
    messages_doubled: [...seen.values()].filter((n) => n > 1).length,
    misthreaded,
    misordered,
  };
}
