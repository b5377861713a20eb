import type { ActivityInput } from '../activity/index.ts';
import type { Annotation } from './inbound-batch-rows.ts';
import type { InboundMessage } from './messages.ts';

/** The activity one stored inbound message means: created, reopened, received, or a platform echo. */
export function inboundActivity(
  input: { accountId: string; channelId: string; provider: string },
  message: InboundMessage,
  facts: {
    conversationId: string;
    messageId: string;
    /** Null when this message opened the conversation. */
    previousStatus: string | null;
    isReopen: boolean;
    isCase: boolean;
    note: Annotation | undefined;
  },
): ActivityInput[] {
  const base = {
    accountId: input.accountId,
    conversationId: facts.conversationId,
    messageId: facts.messageId,
    occurredAt: message.sentAt,
  };
  const where = { channelId: input.channelId, provider: input.provider, isPublic: message.isPublic };
  const source = message.isEcho ? { source: 'platform' } : {};
  const out: ActivityInput[] = [];
  if (facts.previousStatus === null)
    out.push({ ...base, kind: 'conversation.created', data: { ...where, ...source, isCase: facts.isCase } });
  if (message.isEcho) {
    // Sent from the platform's own app, not from Parley: still the brand answering.
    out.push({ ...base, kind: 'reply.sent', data: { ...where, ...source } });
    return out;
  }
  if (facts.isReopen) out.push({ ...base, kind: 'conversation.reopened', data: where });
  out.push({
    ...base,
    kind: 'message.received',
    data: {
      ...where,
      previousStatus: facts.previousStatus,
      isCase: facts.isCase,
      ...(facts.note
        ? { sentiment: facts.note.sentiment, intent: facts.note.intent, priority: facts.note.priority.level }
        : {}),
    },
  });
  return out;
}
