import { normaliseText, tokenise } from '../text/normalise.ts';
import { adaptReply, trimToLength } from './trim.ts';

export interface ReplyPair {
  customerText: string;
  replyText: string;
}

/** BM25 index over the customer side of (customer text → agent reply) pairs, plus each reply's word set. */
export interface ReplyIndex {
  replies: string[];
  replyWords: Set<string>[];
  /** How typical each reply is of the brand's answers (mean word overlap with a sample of the others). */
  centrality: Float64Array;
  postings: Map<string, { doc: number; tf: number }[]>;
  docLengths: Float64Array;
  averageLength: number;
}

const K1 = 1.2;
const B = 0.75;
const NEIGHBOURS = 25;
const CENTRALITY_SAMPLE = 200;
const CENTRALITY_WEIGHT = 0.3;
const STOP = new Set(
  'the a an and or to of in on at for is are was be it i me my you your we our this that with have has just so do not'.split(
    ' ',
  ),
);

function terms(text: string): string[] {
  return tokenise(normaliseText(text)).filter(
    (t) => t !== '@user' && t !== 'http' && !STOP.has(t) && /[\p{L}\p{N}]/u.test(t),
  );
}

function replyWordSet(reply: string): Set<string> {
  return new Set(reply.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
}

/** Dice coefficient of two word sets: a cheap stand-in for how much two replies say the same thing. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function buildReplyIndex(pairs: ReplyPair[]): ReplyIndex {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const docLengths = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach((pair, doc) => {
    const counts = new Map<string, number>();
    for (const term of terms(pair.customerText)) counts.set(term, (counts.get(term) ?? 0) + 1);
    let length = 0;
    for (const [term, tf] of counts) {
      length += tf;
      const list = postings.get(term) ?? [];
      list.push({ doc, tf });
      postings.set(term, list);
    }
    docLengths[doc] = length;
    total += length;
  });
  const replies = pairs.map((p) => adaptReply(p.replyText));
  const replyWords = replies.map(replyWordSet);
  // A fixed stride sample keeps this O(n * 200) and deterministic for large histories.
  const stride = Math.max(1, Math.floor(replies.length / CENTRALITY_SAMPLE));
  const centrality = new Float64Array(replies.length);
  for (let i = 0; i < replies.length; i++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < replies.length; j += stride) {
      if (j === i) continue;
      sum += overlap(replyWords[i]!, replyWords[j]!);
      count++;
    }
    centrality[i] = count ? sum / count : 0;
  }
  return {
    replies,
    replyWords,
    centrality,
    postings,
    docLengths,
    averageLength: pairs.length ? total / pairs.length : 0,
  };
}

function bm25(index: ReplyIndex, text: string): Map<number, number> {
  const n = index.replies.length;
  const scores = new Map<number, number>();
  for (const term of new Set(terms(text))) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const { doc, tf } of list) {
      const norm = tf + K1 * (1 - B + (B * index.docLengths[doc]!) / (index.averageLength || 1));
      scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (K1 + 1)) / norm);
    }
  }
  return scores;
}

/**
 * Top-k past replies for `text`. The customer messages most like `text` (BM25) vote for the replies
 * that resemble their own replies; typical brand answers get a small prior; near-duplicates are skipped.
 */
export function suggestReplies(
  index: ReplyIndex,
  text: string,
  opts: { maxLength: number; k?: number },
): { text: string; score: number }[] {
  const k = opts.k ?? 3;
  const neighbours = [...bm25(index, text)].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, NEIGHBOURS);
  const top = neighbours[0]?.[1] ?? 0;
  const voters = neighbours.map(([doc, s]) => ({ doc, weight: top > 0 ? s / top : 0 }));
  const weightSum = voters.reduce((a, v) => a + v.weight, 0);
  const candidates = new Set(voters.map((v) => v.doc));
  // Fall back to (and compete with) the brand's most typical replies.
  const central = [...index.centrality.keys()].sort(
    (a, b) => index.centrality[b]! - index.centrality[a]! || a - b,
  );
  for (const doc of central.slice(0, 10)) candidates.add(doc);

  const scored = [...candidates].map((doc) => {
    let vote = 0;
    for (const v of voters) vote += v.weight * overlap(index.replyWords[doc]!, index.replyWords[v.doc]!);
    const relevance = weightSum > 0 ? vote / weightSum : 0;
    return { doc, score: relevance + CENTRALITY_WEIGHT * index.centrality[doc]! };
  });
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const picked: typeof scored = [];
  for (const candidate of scored) {
    if (picked.length >= k) break;
    if (!index.replies[candidate.doc]) continue;
    const words = index.replyWords[candidate.doc]!;
    if (picked.some((p) => overlap(words, index.replyWords[p.doc]!) > 0.8)) continue;
    picked.push(candidate);
  }
  return picked.map((p) => ({
    text: trimToLength(index.replies[p.doc]!, opts.maxLength),
    score: Math.round(p.score * 1000) / 1000,
  }));
}
