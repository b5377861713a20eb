import type { Annotation, ThreadContext } from '../../inbox/index.ts';
import { type TriageModels, type TriageSettings, triageMessage } from '../../triage/index.ts';
import type { MessageEvent } from '../adapter.ts';

// Only these never become cases (each behind its own account setting); praise and chatter do,
// at low priority, so nobody is ignored by a model's guess.
const NOT_A_CASE = new Set(['repost', 'link_only', 'spam']);

/** The triage closure the inbox calls once it knows which conversation the message joins. */
export function annotator(
  models: TriageModels,
  settings: Partial<TriageSettings>,
  provider: string,
  event: MessageEvent,
  now: Date,
): (context: ThreadContext) => Annotation {
  return (context) => {
    const input = {
      text: event.text,
      isPublic: event.isPublic,
      provider,
      author: {
        ...(event.author.followerCount !== undefined ? { followerCount: event.author.followerCount } : {}),
        ...(event.author.isVerified !== undefined ? { isVerified: event.author.isVerified } : {}),
      },
      ...(event.engagement ? { engagement: event.engagement } : {}),
      isRepost: event.metadata?.isRepost === true,
      priorInboundCount: context.priorInboundCount,
      minutesWaiting: context.waitingSince
        ? Math.max(0, (now.getTime() - context.waitingSince.getTime()) / 60_000)
        : 0,
    };
    const result = triageMessage(models, input, settings);
    const isCase = !NOT_A_CASE.has(result.actionable.reason) || event.attachments.length > 0;
    return {
      // The input is kept with the result so a change of weights can re-rank without the models.
      triage: { ...result, input },
      priority: { level: result.priority.level, score: result.priority.score },
      sentiment: result.sentiment.label,
      intent: result.intent.label,
      language: result.language,
      isCase,
    };
  };
}
