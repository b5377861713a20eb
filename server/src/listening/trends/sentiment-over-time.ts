import type { Sentiment } from '../sentiment.ts';

export interface SentimentBucket {
  start: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  negativeShare: number | null;
  /** (positive − negative) ÷ total, −1…1; null for an empty bucket. */
  netSentiment: number | null;
}

/** Mentions per sentiment in fixed buckets over [from, to); empty buckets are kept for charts. */
export function sentimentOverTime(
  mentions: Iterable<{ at: number; sentiment: Sentiment }>,
  range: { from: number; to: number; bucketMs: number },
): SentimentBucket[] {
  const { from, to, bucketMs } = range;
  const buckets: SentimentBucket[] = [];
  for (let start = from; start < to; start += bucketMs) {
    buckets.push({
      start,
      total: 0,
      positive: 0,
      neutral: 0,
      negative: 0,
      negativeShare: null,
      netSentiment: null,
    });
  }
  for (const mention of mentions) {
    if (mention.at < from || mention.at >= to) continue;
    const bucket = buckets[Math.floor((mention.at - from) / bucketMs)]!;
    bucket.total++;
    bucket[mention.sentiment]++;
  }
  for (const bucket of buckets) {
    if (bucket.total === 0) continue;
    bucket.negativeShare = bucket.negative / bucket.total;
    bucket.netSentiment = (bucket.positive - bucket.negative) / bucket.total;
  }
  return buckets;
}
