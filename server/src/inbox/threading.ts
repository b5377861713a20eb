import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

export interface ThreadingInput {
  accountId: string;
  channelId: string;
  contactId: string;
  replyToExternalId?: string | undefined;
  now: Date;
  reopenWindowDays: number;
}

export type ThreadDecision =
  | { kind: 'existing'; conversationId: string }
  | { kind: 'reopen'; conversationId: string }
  | { kind: 'new' };

/**
 * Parley's threading rules, in order (docs/architecture.md repeats them):
 * 1. a reply to a known message joins that message's conversation (reopening it if resolved);
 * 2. the same contact on the same channel with an unresolved conversation joins it;
 * 3. a conversation of theirs on that channel resolved within the reopen window is reopened;
 * 4. otherwise a new conversation starts.
 * A closed conversation is final and never reopened.
 */
export async function chooseConversation(db: Kysely<DB>, input: ThreadingInput): Promise<ThreadDecision> {
  if (input.replyToExternalId) {
    const parent = await db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['conversations.id', 'conversations.status'])
      .where('messages.channel_id', '=', input.channelId)
      .where('messages.external_id', '=', input.replyToExternalId)
      .executeTakeFirst();
    if (parent && parent.status !== 'closed') {
      return parent.status === 'resolved'
        ? { kind: 'reopen', conversationId: parent.id }
        : { kind: 'existing', conversationId: parent.id };
    }
  }
  const latest = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'resolved_at'])
    .where('account_id', '=', input.accountId)
    .where('contact_id', '=', input.contactId)
    .where('channel_id', '=', input.channelId)
    .where('status', '!=', 'closed')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return { kind: 'new' };
  if (latest.status !== 'resolved') return { kind: 'existing', conversationId: latest.id };
  const windowMs = input.reopenWindowDays * 86_400_000;
  if (latest.resolved_at && input.now.getTime() - latest.resolved_at.getTime() <= windowMs) {
    return { kind: 'reopen', conversationId: latest.id };
  }
  return { kind: 'new' };
}
