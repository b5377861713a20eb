import type { EngagementCounts, ReachResult, TriageInput } from './types.ts';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Reposts spread a post further than likes, so they count double. */
export function engagementTotal(counts: EngagementCounts | undefined): number {
  if (!counts) return 0;
  return (counts.likes ?? 0) + 2 * (counts.reposts ?? 0) + (counts.replies ?? 0);
}

/**
 * Audience (log10 followers, 1M -> 1), engagement (log10, 10k -> 1) and verification, scaled down for
 * private messages. Viral risk is the engagement gained per hour between two observations (1k/h -> 1).
 */
export function assessReach(input: TriageInput): ReachResult {
  const followerCount = Math.max(0, input.author.followerCount ?? 0);
  const isVerified = input.author.isVerified ?? false;
  const audience = clamp01(Math.log10(1 + followerCount) / 6);
  const engagementNow = engagementTotal(input.engagement);
  const engagement = clamp01(Math.log10(1 + engagementNow) / 4);
  const visibility = input.isPublic ? 1 : 0.2;
  const score = clamp01((0.65 * audience + 0.25 * engagement + (isVerified ? 0.1 : 0)) * visibility);

  let viralRisk = 0;
  if (input.isPublic) {
    const previous = input.previousEngagement;
    if (previous && previous.minutesAgo > 0) {
      const perHour = Math.max(0, engagementNow - engagementTotal(previous)) / (previous.minutesAgo / 60);
      viralRisk = clamp01(Math.log10(1 + perHour) / 3);
    } else {
      // One observation only: engagement so far is weak evidence of growth.
      viralRisk = 0.5 * engagement;
    }
  }
  return {
    score: Math.round(score * 1000) / 1000,
    followerCount,
    isVerified,
    isPublic: input.isPublic,
    viralRisk: Math.round(viralRisk * 1000) / 1000,
  };
}
