import { describe, expect, it } from 'vitest';
import { clusterComplaints } from './complaint-clusters.ts';
import { contentTerms } from './content-terms.ts';
import { sentimentOverTime } from './sentiment-over-time.ts';
import { shareOfVoice } from './share-of-voice.ts';
import { countTerms, emergingTerms, topTerms } from './term-counts.ts';

const HOUR = 3_600_000;

describe('contentTerms', () => {
  it('drops stopwords, handles, numbers and ignored brand terms, and adds bigrams', () => {
    expect(
      contentTerms('@orbly my Delivery fee went up 20% at #Orbly', { ignore: new Set(['orbly']) }),
    ).toEqual(['delivery', 'fee', 'delivery fee', 'went', 'fee went']);
  });
});

describe('topTerms and emergingTerms', () => {
  const usual = Array.from({ length: 200 }, (_, i) =>
    i % 2 ? 'delivery was quick and the courier friendly' : 'app crashed at checkout again',
  );
  const now = [
    ...Array.from({ length: 30 }, (_, i) => `new delivery fee is a joke ${i % 3 ? 'cancelling' : ''}`),
    ...usual.slice(0, 30),
  ];

  it('ranks phrases by the number of posts containing them, never across a stopword', () => {
    const top = topTerms(countTerms(now), { limit: 3, kind: 'phrases' });
    expect(top.map((t) => [t.term, t.count])).toEqual([
      ['delivery fee', 30],
      ['new delivery', 30],
      ['joke cancelling', 20],
    ]);
    expect(top[0]!.share).toBeCloseTo(0.5);
  });

  it('finds terms bursting against their baseline and ignores steady ones', () => {
    const emerging = emergingTerms(countTerms(now), countTerms(usual));
    const terms = emerging.map((t) => t.term);
    expect(terms).toContain('delivery fee');
    expect(terms).toContain('joke');
    expect(terms).not.toContain('delivery');
    expect(terms).not.toContain('checkout');
    expect(emerging[0]!.ratio).toBeGreaterThan(3);
  });
});

describe('clusterComplaints', () => {
  const texts = [
    'my parcel never arrived and tracking is stuck',
    'parcel never arrived, tracking stuck for days',
    'still no parcel, tracking stuck since monday',
    'charged twice for one order, need a refund',
    'you charged me twice! refund please',
    'double charged again, where is my refund',
    'app crashed at checkout',
    'love the new jacket',
  ];
  const posts = texts.map((text, i) => ({ id: `p${i}`, text, at: i * HOUR }));

  it('groups paraphrased complaints and leaves one-offs out', () => {
    const clusters = clusterComplaints(posts, { similarity: 0.2, minSize: 2, bucketMs: 4 * HOUR });
    expect(clusters.map((c) => c.postIds.sort())).toEqual([
      ['p0', 'p1', 'p2'],
      ['p3', 'p4', 'p5'],
    ]);
    expect(clusters[0]!.label).toMatch(/parcel|tracking/);
    expect(clusters[0]!.examples).toHaveLength(3);
    expect(clusters[1]!.counts).toEqual([
      { start: 0, count: 1 },
      { start: 4 * HOUR, count: 2 },
    ]);
    expect(clusters[1]!.firstAt).toBe(3 * HOUR);
  });
});

describe('shareOfVoice', () => {
  it('splits mentions between the brand and competitors with their sentiment', () => {
    const mentions = [
      { monitorIds: ['orbly'], at: 0, sentiment: 'positive' as const },
      { monitorIds: ['orbly'], at: 0, sentiment: 'negative' as const },
      { monitorIds: ['orbly', 'shopwell'], at: 0, sentiment: 'neutral' as const },
      { monitorIds: ['shopwell'], at: 0, sentiment: 'negative' as const },
      { monitorIds: ['campaign'], at: 0 },
    ];
    const shares = shareOfVoice(mentions, ['orbly', 'shopwell', 'cartly']);
    expect(shares.map((s) => [s.monitorId, s.mentions, s.share])).toEqual([
      ['orbly', 3, 0.6],
      ['shopwell', 2, 0.4],
      ['cartly', 0, 0],
    ]);
    expect(shares[0]!.netSentiment).toBe(0);
    expect(shares[1]!.netSentiment).toBe(-0.5);
    expect(shares[2]!.netSentiment).toBeNull();
  });
});

describe('sentimentOverTime', () => {
  it('counts mentions per bucket and keeps empty buckets', () => {
    const buckets = sentimentOverTime(
      [
        { at: 0, sentiment: 'negative' },
        { at: 10, sentiment: 'positive' },
        { at: 2 * HOUR + 5, sentiment: 'negative' },
        { at: 3 * HOUR, sentiment: 'negative' },
      ],
      { from: 0, to: 3 * HOUR, bucketMs: HOUR },
    );
    expect(buckets.map((b) => [b.start, b.total, b.negative, b.netSentiment])).toEqual([
      [0, 2, 1, 0],
      [HOUR, 0, 0, null],
      [2 * HOUR, 1, 1, -1],
    ]);
  });
});
