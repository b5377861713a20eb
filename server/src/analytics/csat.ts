// CSAT: a one-question survey sent through the outbox after a private conversation is resolved,
// and the customer's 1–5 answer read from their next message.
import type { Kysely } from 'kysely';
import { enqueueReply } from '../channels/index.ts';
import type { DB } from '../db/index.ts';

/**
 * A score from a reply that is only an answer: "5", "4/5", "3 out of 5", "5 stars", "⭐ 4 - fine".
 * "5 days and still nothing" or "45" are not answers (the customer is writing about something else).
 */
export function parseCsatScore(text: string): number | null {
  const match =
    /^[^\p{L}\p{N}]*([1-5])\s*(?:(?:\/|out of)\s*5)?\s*(?:stars?)?\s*(?:[-–—:.!,)]\s*[\s\S]*)?$/iu.exec(
      text.trim(),
    );
  return match ? Number(match[1]) : null;
}

/** Store the survey as a system message and queue it for sending. Returns its send time. */
export async function sendCsatSurvey(
  trx: Kysely<DB>,
  input: { accountId: string; conversationId: string; question: string; now: Date },
): Promise<string> {
  const conversation = await trx
    .selectFrom('conversations')
    .select(['channel_id', 'is_public'])
    .where('id', '=', input.conversationId)
    .where('account_id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  const lastInbound = await trx
    .selectFrom('messages')
    .select(['external_id'])
    .where('conversation_id', '=', input.conversationId)
    .where('direction', '=', 'in')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const message = await trx
    .insertInto('messages')
    .values({
      account_id: input.accountId,
      conversation_id: input.conversationId,
      channel_id: conversation.channel_id,
      direction: 'out',
      is_public: false,
      surface: 'dm',
      author_type: 'system',
      author_contact_id: null,
      author_user_id: null,
      text: input.question,
      attachments: '[]',
      external_id: null,
      reply_to_external_id: lastInbound?.external_id ?? null,
      delivery_status: 'queued',
      delivery_error: null,
      metadata: JSON.stringify({ kind: 'csat_survey' }),
      sent_at: input.now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await enqueueReply(trx, {
    accountId: input.accountId,
    messageId: message.id,
    channelId: conversation.channel_id,
    now: input.now,
  });
  return message.id;
}
