import { type Kysely, sql } from 'kysely';
import { type DB, isUuid, type PriorityLevel } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { priorityRank } from './dto.ts';

/** Open conversations whose priority comes from triage (not set by hand), with the stored triage. */
export async function listTriagedOpenConversations(db: Kysely<DB>, accountId: string) {
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'triage', 'priority', 'priority_score'])
    .where('account_id', '=', accountId)
    .where('status', 'not in', ['resolved', 'closed'])
    .where('priority_is_manual', '=', false)
    .where('triage', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    triage: r.triage as Record<string, unknown>,
    priority: r.priority,
    score: r.priority_score,
  }));
}

export async function updateTriagedPriority(
  db: Kysely<DB>,
  input: { conversationId: string; level: PriorityLevel; score: number; priority: unknown; now: Date },
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      priority: input.level,
      priority_rank: priorityRank[input.level],
      priority_score: input.score,
      triage: sql`jsonb_set(triage, '{priority}', ${JSON.stringify(input.priority)}::jsonb)`,
      updated_at: input.now,
    })
    .where('id', '=', input.conversationId)
    .execute();
}

/**
 * An agent corrects a message's sentiment or intent: the correction is kept for retraining and
 * the message and (when it is the latest word) the conversation show the corrected value.
 */
export async function correctMessageTriage(
  db: Kysely<DB>,
  input: {
    accountId: string;
    messageId: string;
    userId: string;
    sentiment?: 'negative' | 'neutral' | 'positive' | undefined;
    intent?: string | undefined;
  },
) {
  if (!isUuid(input.messageId)) throw new AppError('message_not_found');
  const message = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'text', 'triage', 'direction'])
    .where('account_id', '=', input.accountId)
    .where('id', '=', input.messageId)
    .executeTakeFirst();
  if (message?.direction !== 'in') throw new AppError('message_not_found');
  const triage = (message.triage ?? {}) as {
    sentiment?: { label?: string };
    intent?: { label?: string };
    corrected?: Record<string, string>;
  };
  const corrections: { field: 'sentiment' | 'intent'; from: string | null; to: string }[] = [];
  if (input.sentiment)
    corrections.push({ field: 'sentiment', from: triage.sentiment?.label ?? null, to: input.sentiment });
  if (input.intent)
    corrections.push({ field: 'intent', from: triage.intent?.label ?? null, to: input.intent });
  if (corrections.length === 0)
    throw new AppError('validation_failed', 'Give a sentiment or an intent to correct');
  for (const c of corrections) {
    await db
      .insertInto('triage_corrections')
      .values({
        account_id: input.accountId,
        message_id: message.id,
        conversation_id: message.conversation_id,
        field: c.field,
        from_value: c.from,
        to_value: c.to,
        text: message.text,
        user_id: input.userId,
      })
      .execute();
  }
  const corrected = {
    ...(triage.corrected ?? {}),
    ...Object.fromEntries(corrections.map((c) => [c.field, c.to])),
  };
  await db
    .updateTable('messages')
    .set({ triage: JSON.stringify({ ...triage, corrected }) })
    .where('id', '=', message.id)
    .execute();
  const latest = await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', message.conversation_id)
    .where('direction', '=', 'in')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest?.id === message.id) {
    await db
      .updateTable('conversations')
      .set({
        ...(input.sentiment ? { sentiment_end: input.sentiment } : {}),
        ...(input.intent ? { intent: input.intent } : {}),
      })
      .where('id', '=', message.conversation_id)
      .execute();
  }
  return { conversationId: message.conversation_id, corrected };
}

/** Corrections of an account, oldest first, for retraining with the account's own labels. */
export async function listTriageCorrections(db: Kysely<DB>, accountId: string) {
  const rows = await db
    .selectFrom('triage_corrections')
    .select(['id', 'field', 'from_value', 'to_value', 'text', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    field: r.field,
    from: r.from_value,
    to: r.to_value,
    text: r.text,
    createdAt: r.created_at.toISOString(),
  }));
}
