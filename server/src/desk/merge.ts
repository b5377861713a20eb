import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import type { DB } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { addNote, assignConversation } from '../inbox/index.ts';
import { lockConversation } from './lock.ts';

/**
 * Merge `sourceId` into `targetId`: messages, notes and labels move to the survivor, whose counters
 * and times are recomputed; the source is closed and points to the survivor.
 */
export async function mergeConversations(
  db: Kysely<DB>,
  input: { accountId: string; sourceId: string; targetId: string; now: Date; actorUserId: string | null },
): Promise<void> {
  if (input.sourceId === input.targetId) {
    throw new AppError('validation_failed', 'A conversation cannot be merged into itself', [
      { field: 'intoConversationId', message: 'must be another conversation' },
    ]);
  }
  // Lock both in id order so two opposite merges cannot deadlock.
  const [first, second] = [input.sourceId, input.targetId].sort();
  const locked = new Map<string, Awaited<ReturnType<typeof lockConversation>>>();
  for (const id of [first!, second!]) locked.set(id, await lockConversation(db, input.accountId, id));
  const source = locked.get(input.sourceId)!;
  const target = locked.get(input.targetId)!;
  if (source.status === 'closed' || target.status === 'closed') {
    throw new AppError('conflict', 'Closed conversations cannot be merged');
  }
  const moved = await db
    .updateTable('messages')
    .set({ conversation_id: target.id })
    .where('account_id', '=', input.accountId)
    .where('conversation_id', '=', source.id)
    .returning('id')
    .execute();
  await db
    .updateTable('notes')
    .set({ conversation_id: target.id })
    .where('conversation_id', '=', source.id)
    .execute();
  await sql`
    INSERT INTO conversation_labels (account_id, conversation_id, label_id)
    SELECT account_id, ${target.id}, label_id FROM conversation_labels WHERE conversation_id = ${source.id}
    ON CONFLICT DO NOTHING`.execute(db);
  await db.deleteFrom('conversation_labels').where('conversation_id', '=', source.id).execute();
  await sql`
    UPDATE conversations c SET
      message_count = m.count,
      last_message_at = greatest(c.last_message_at, m.last_at),
      last_customer_message_at = m.last_in,
      first_response_at = least(c.first_response_at, m.first_out),
      updated_at = ${input.now}
    FROM (SELECT count(*)::int AS count, max(sent_at) AS last_at,
                 max(sent_at) FILTER (WHERE direction = 'in') AS last_in,
                 min(sent_at) FILTER (WHERE direction = 'out') AS first_out
          FROM messages WHERE conversation_id = ${target.id}) m
    WHERE c.id = ${target.id}`.execute(db);
  await db
    .updateTable('conversations')
    .set({
      status: 'closed',
      merged_into_id: target.id,
      message_count: 0,
      waiting_since: null,
      updated_at: input.now,
    })
    .where('id', '=', source.id)
    .execute();
  const data = { sourceId: source.id, targetId: target.id, movedMessages: moved.length };
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: source.id,
      kind: 'conversation.merged',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: { ...data, role: 'source' },
    },
    {
      accountId: input.accountId,
      conversationId: source.id,
      kind: 'conversation.status_changed',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: { from: source.status, to: 'closed', reason: 'merged' },
    },
    {
      accountId: input.accountId,
      conversationId: target.id,
      kind: 'conversation.merged',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: { ...data, role: 'target' },
    },
  ]);
}

/** Hand a conversation to a team (unassigned within it) with a note saying why. */
export async function transferToTeam(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    teamId: string;
    note: string;
    now: Date;
    actorUserId: string;
  },
): Promise<void> {
  await assignConversation(db, {
    accountId: input.accountId,
    conversationId: input.conversationId,
    assigneeId: null,
    teamId: input.teamId,
    now: input.now,
    actorUserId: input.actorUserId,
    reason: 'transfer',
  });
  const note = await addNote(db, {
    accountId: input.accountId,
    conversationId: input.conversationId,
    userId: input.actorUserId,
    text: input.note,
  });
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: input.conversationId,
      kind: 'conversation.transferred',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: { teamId: input.teamId, noteId: note.id },
    },
  ]);
}
