import type { Annotation } from '../../inbox/index.ts';
import { type TriageModels, type TriageSettings, triageMessage } from '../../triage/index.ts';
import type { PublicPost } from './x-stream.ts';

export function engagementTotal(post: PublicPost): number {
  return post.engagement.likes + post.engagement.reposts + post.engagement.replies;
}

/** Triage a public post the way the inbound pipeline triages a customer message. */
export function triagePost(
  models: TriageModels,
  settings: Partial<TriageSettings>,
  provider: string,
  post: PublicPost,
) {
  const input = {
    text: post.text,
    isPublic: true,
    provider,
    author: {
      ...(post.author.followerCount !== undefined ? { followerCount: post.author.followerCount } : {}),
      ...(post.author.isVerified !== undefined ? { isVerified: post.author.isVerified } : {}),
    },
    engagement: {
      likes: post.engagement.likes,
      reposts: post.engagement.reposts,
      replies: post.engagement.replies,
    },
    isRepost: false,
    priorInboundCount: 0,
    minutesWaiting: 0,
  };
  const result = triageMessage(models, input, settings);
  return { result, stored: { ...result, input } as Record<string, unknown> };
}

/** The inbox annotation for a mention made into a case: its stored triage, carried over as is. */
export function annotationFromStored(triage: Record<string, unknown>): Annotation {
  const t = triage as {
    priority?: { level?: string; score?: number };
    sentiment?: { label?: string };
    intent?: { label?: string };
    language?: string;
  };
  const level =
    (['urgent', 'high', 'normal', 'low'] as const).find((l) => l === t.priority?.level) ?? 'normal';
  return {
    triage,
    priority: { level, score: t.priority?.score ?? 0 },
    sentiment: t.sentiment?.label ?? 'neutral',
    intent: t.intent?.label ?? 'other',
    language: t.language ?? 'und',
    isCase: true,
  };
}
