import type { Kysely } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import type { DB } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { lockConversation } from './lock.ts';

/** Put a conversation aside until a time; a customer message or the wake sweep brings it back. */
export async function snoozeConversation(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    until: Date;
    now: Date;
    actorUserId: string | null;
    ruleId?: string;
  },
): Promise<void> {
  const current = await lockConversation(db, input.accountId, input.conversationId);
  if (input.until.getTime() <= input.now.getTime()) {
    throw new AppError('validation_failed', 'Snooze until a time in the future', [
      { field: 'until', message: 'must be in the future' },
    ]);
  }
  if (current.status === 'closed' || current.status === 'resolved') {
    throw new AppError('conflict', `A ${current.status} conversation cannot be snoozed`);
  }
  await db
    .updateTable('conversations')
    .set({ status: 'snoozed', snoozed_until: input.until, updated_at: input.now })
    .where('id', '=', current.id)
    .execute();
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: current.id,
      kind: 'conversation.status_changed',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: {
        from: current.status,
        to: 'snoozed',
        until: input.until.toISOString(),
        ...(input.ruleId ? { reason: 'rule', ruleId: input.ruleId } : {}),
      },
    },
  ]);
}

/** Wake every snoozed conversation whose time has come; returns their ids and accounts. */
export async function wakeSnoozed(
  db: Kysely<DB>,
  now: Date,
  limit = 200,
): Promise<{ id: string; accountId: string }[]> {
  const due = await db
    .selectFrom('conversations')
    .select(['id', 'account_id'])
    .where('status', '=', 'snoozed')
    .where('snoozed_until', '<=', now)
    .orderBy('snoozed_until')
    .limit(limit)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return [];
  await db
    .updateTable('conversations')
    .set({ status: 'open', snoozed_until: null, updated_at: now })
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .execute();
  await appendActivity(
    db,
    due.map((d) => ({
      accountId: d.account_id,
      conversationId: d.id,
      kind: 'conversation.status_changed',
      occurredAt: now,
      data: { from: 'snoozed', to: 'open', reason: 'snooze_ended' },
    })),
  );
  return due.map((d) => ({ id: d.id, accountId: d.account_id }));
}
