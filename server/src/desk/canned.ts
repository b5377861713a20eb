import type { Kysely } from 'kysely';
import { type DB, isUuid, type Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { replyLimit } from './reply-limits.ts';
import { renderTemplate, unknownVariables, VARIABLE_NAMES, type VariableValues } from './variables.ts';

export interface CannedResponseDto {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  isShared: boolean;
  ownerUserId: string | null;
  updatedAt: string;
}

export interface CannedInput {
  shortcut: string;
  title: string;
  body: string;
  isShared: boolean;
}

interface Actor {
  accountId: string;
  userId: string;
  role: Role;
}

const toDto = (r: {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  owner_user_id: string | null;
  updated_at: Date;
}): CannedResponseDto => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  isShared: r.owner_user_id === null,
  ownerUserId: r.owner_user_id,
  updatedAt: r.updated_at.toISOString(),
});

function validate(input: CannedInput, actor: Actor) {
  const details: { field: string; message: string }[] = [];
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/i.test(input.shortcut)) {
    details.push({ field: 'shortcut', message: 'letters, digits, - and _ only (up to 40), no leading /' });
  }
  const unknown = unknownVariables(`${input.title}\n${input.body}`);
  if (unknown.length > 0) {
    details.push({
      field: 'body',
      message: `unknown variable(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${VARIABLE_NAMES.join(', ')}`,
    });
  }
  if (input.isShared && actor.role === 'agent') {
    details.push({ field: 'isShared', message: 'only supervisors and admins write shared responses' });
  }
  if (details.length > 0) throw new AppError('validation_failed', 'Invalid canned response', details);
}

/** Shared responses plus the user's own, by shortcut. */
export async function listCanned(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<CannedResponseDto[]> {
  const rows = await db
    .selectFrom('canned_responses')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]))
    .orderBy('shortcut')
    .execute();
  return rows.map(toDto);
}

async function requireVisible(db: Kysely<DB>, actor: Actor, id: string) {
  const row = isUuid(id)
    ? await db
        .selectFrom('canned_responses')
        .selectAll()
        .where('account_id', '=', actor.accountId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', actor.userId)]))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', 'No such canned response');
  return row;
}

async function requireEditable(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await requireVisible(db, actor, id);
  if (row.owner_user_id === null && actor.role === 'agent') {
    throw new AppError('forbidden', 'Only supervisors and admins change shared responses');
  }
  return row;
}

async function checkShortcutFree(db: Kysely<DB>, actor: Actor, input: CannedInput, exceptId?: string) {
  const owner = input.isShared ? null : actor.userId;
  const clash = await db
    .selectFrom('canned_responses')
    .select('id')
    .where('account_id', '=', actor.accountId)
    .where((eb) => (owner ? eb('owner_user_id', '=', owner) : eb('owner_user_id', 'is', null)))
    .where((eb) => eb(eb.fn('lower', ['shortcut']), '=', input.shortcut.toLowerCase()))
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw new AppError('conflict', `The shortcut /${input.shortcut} is taken`);
}

export async function createCanned(db: Kysely<DB>, actor: Actor, input: CannedInput, now: Date) {
  validate(input, actor);
  await checkShortcutFree(db, actor, input);
  const row = await db
    .insertInto('canned_responses')
    .values({
      account_id: actor.accountId,
      owner_user_id: input.isShared ? null : actor.userId,
      shortcut: input.shortcut,
      title: input.title,
      body: input.body,
      created_by_user_id: actor.userId,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function updateCanned(db: Kysely<DB>, actor: Actor, id: string, input: CannedInput, now: Date) {
  await requireEditable(db, actor, id);
  validate(input, actor);
  await checkShortcutFree(db, actor, input, id);
  const row = await db
    .updateTable('canned_responses')
    .set({
      owner_user_id: input.isShared ? null : actor.userId,
      shortcut: input.shortcut,
      title: input.title,
      body: input.body,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function deleteCanned(db: Kysely<DB>, actor: Actor, id: string) {
  await requireEditable(db, actor, id);
  await db.deleteFrom('canned_responses').where('id', '=', id).execute();
}

/** The values a conversation gives its variables; the agent is the one rendering. */
export async function variableValues(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  agentUserId: string | null,
): Promise<{ values: VariableValues; provider: string; isPublic: boolean }> {
  if (!isUuid(conversationId)) throw new AppError('conversation_not_found');
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.is_public',
      'ct.name as contact_name',
      'ch.provider',
      'ch.name as channel_name',
      'a.name as account_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('contact_identities as ci')
        .select('ci.handle')
        .whereRef('ci.contact_id', '=', 'c.contact_id')
        .orderBy('ci.created_at')
        .limit(1)
        .as('handle'),
    )
    .select((eb) =>
      eb
        .selectFrom('contact_identities as ci')
        .select('ci.display_name')
        .whereRef('ci.contact_id', '=', 'c.contact_id')
        .orderBy('ci.created_at')
        .limit(1)
        .as('display_name'),
    )
    .where('c.account_id', '=', accountId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) throw new AppError('conversation_not_found');
  const agent = agentUserId
    ? await db.selectFrom('users').select('name').where('id', '=', agentUserId).executeTakeFirst()
    : undefined;
  return {
    provider: row.provider,
    isPublic: row.is_public,
    values: {
      contact: { name: row.contact_name ?? row.display_name ?? null, handle: row.handle ?? null },
      agent: { name: agent?.name ?? null },
      conversation: { id: row.id, channelName: row.channel_name },
      account: { name: row.account_name },
    },
  };
}

/** Render a canned response for a conversation and check it against the channel's limit. */
export async function renderCanned(
  db: Kysely<DB>,
  actor: Actor,
  cannedId: string,
  conversationId: string,
  isPublicOverride?: boolean,
) {
  const canned = await requireVisible(db, actor, cannedId);
  const context = await variableValues(db, actor.accountId, conversationId, actor.userId);
  const text = renderTemplate(canned.body, context.values);
  const limit = replyLimit(context.provider, isPublicOverride ?? context.isPublic);
  const length = limit.measure(text);
  return { text, length, max: limit.max, unit: limit.unit, isTooLong: length > limit.max };
}
