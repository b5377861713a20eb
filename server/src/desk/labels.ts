import type { Kysely } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import { type DB, isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { lockConversation } from './lock.ts';

export interface LabelDto {
  id: string;
  name: string;
  color: string;
}

export async function listLabels(db: Kysely<DB>, accountId: string): Promise<LabelDto[]> {
  return db
    .selectFrom('labels')
    .select(['id', 'name', 'color'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export async function createLabel(
  db: Kysely<DB>,
  input: { accountId: string; name: string; color?: string },
): Promise<LabelDto> {
  const existing = await findLabelByName(db, input.accountId, input.name);
  if (existing) throw new AppError('conflict', 'A label with this name exists');
  return db
    .insertInto('labels')
    .values({
      account_id: input.accountId,
      name: input.name.trim(),
      ...(input.color ? { color: input.color } : {}),
    })
    .returning(['id', 'name', 'color'])
    .executeTakeFirstOrThrow();
}

export function findLabelByName(db: Kysely<DB>, accountId: string, name: string) {
  return db
    .selectFrom('labels')
    .select(['id', 'name', 'color'])
    .where('account_id', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function requireLabel(db: Kysely<DB>, accountId: string, labelId: string): Promise<LabelDto> {
  const label = isUuid(labelId)
    ? await db
        .selectFrom('labels')
        .select(['id', 'name', 'color'])
        .where('account_id', '=', accountId)
        .where('id', '=', labelId)
        .executeTakeFirst()
    : undefined;
  if (!label) throw new AppError('not_found', 'No such label');
  return label;
}

export async function deleteLabel(db: Kysely<DB>, accountId: string, labelId: string): Promise<void> {
  await requireLabel(db, accountId, labelId);
  await db.deleteFrom('labels').where('account_id', '=', accountId).where('id', '=', labelId).execute();
}

/** Add a label; returns false when the conversation already had it (nothing recorded). */
export async function addConversationLabel(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    labelId: string;
    now: Date;
    actorUserId: string | null;
    ruleId?: string;
  },
): Promise<boolean> {
  await lockConversation(db, input.accountId, input.conversationId);
  const label = await requireLabel(db, input.accountId, input.labelId);
  const inserted = await db
    .insertInto('conversation_labels')
    .values({ account_id: input.accountId, conversation_id: input.conversationId, label_id: label.id })
    .onConflict((oc) => oc.columns(['conversation_id', 'label_id']).doNothing())
    .returning('label_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: input.conversationId,
      kind: 'label.added',
      actorUserId: input.actorUserId,
      occurredAt: input.now,
      data: {
        labelId: label.id,
        name: label.name,
        ...(input.ruleId ? { ruleId: input.ruleId, reason: 'rule' } : {}),
      },
    },
  ]);
  return true;
}

export async function removeConversationLabel(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    labelId: string;
    now: Date;
    actorUserId: string | null;
  },
): Promise<void> {
  await lockConversation(db, input.accountId, input.conversationId);
  const label = await requireLabel(db, input.accountId, input.labelId);
  const removed = await db
    .deleteFrom('conversation_labels')
    .where('conversation_id', '=', input.conversationId)
    .where('label_id', '=', label.id)
    .returning('label_id')
    .executeTakeFirst();
  if (removed)
    await appendActivity(db, [
      {
        accountId: input.accountId,
        conversationId: input.conversationId,
        kind: 'label.removed',
        actorUserId: input.actorUserId,
        occurredAt: input.now,
        data: { labelId: label.id, name: label.name },
      },
    ]);
}
