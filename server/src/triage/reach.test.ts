import { describe, expect, it } from 'vitest';
import { assessReach } from './reach.ts';
import type { TriageInput } from './types.ts';

const input = (extra: Partial<TriageInput>): TriageInput => ({
  text: 'x',
  isPublic: true,
  provider: 'x',
  author: {},
  ...extra,
});

describe('assessReach', () => {
  it('grows with followers and verification, and shrinks for private messages', () => {
    const small = assessReach(input({ author: { followerCount: 50 } }));
    const large = assessReach(input({ author: { followerCount: 500_000 } }));
    const verified = assessReach(input({ author: { followerCount: 500_000, isVerified: true } }));
    const privateLarge = assessReach(input({ isPublic: false, author: { followerCount: 500_000 } }));
    expect(large.score).toBeGreaterThan(small.score);
    expect(verified.score).toBeGreaterThan(large.score);
    expect(privateLarge.score).toBeLessThan(large.score / 2);
    expect(privateLarge.viralRisk).toBe(0);
    expect(large.followerCount).toBe(500_000);
  });

  it('rates fast engagement growth as viral risk', () => {
    const slow = assessReach(
      input({ engagement: { likes: 20 }, previousEngagement: { likes: 18, minutesAgo: 60 } }),
    );
    const fast = assessReach(
      input({
        engagement: { likes: 900, reposts: 300 },
        previousEngagement: { likes: 100, reposts: 10, minutesAgo: 30 },
      }),
    );
    expect(fast.viralRisk).toBeGreaterThan(0.8);
    expect(slow.viralRisk).toBeLessThan(0.25);
  });
});
