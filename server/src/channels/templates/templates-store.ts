import type { Kysely } from 'kysely';
import { type DB, isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { parameterCount, type TemplateInput, templateProblems } from './template-body.ts';

// The approved WhatsApp templates an admin has listed for each WhatsApp channel. Parley does not
// fetch them from Meta: the list is what the business copied from WhatsApp Manager.

export interface WhatsAppTemplateDto {
  id: string;
  channelId: string;
  name: string;
  language: string;
  body: string;
  parameterCount: number;
  updatedAt: string;
}

type Row = {
  id: string;
  channel_id: string;
  name: string;
  language: string;
  body: string;
  updated_at: Date;
};

const toDto = (r: Row): WhatsAppTemplateDto => ({
  id: r.id,
  channelId: r.channel_id,
  name: r.name,
  language: r.language,
  body: r.body,
  parameterCount: parameterCount(r.body),
  updatedAt: r.updated_at.toISOString(),
});

async function requireWhatsAppChannel(db: Kysely<DB>, accountId: string, channelId: string) {
  const channel = isUuid(channelId)
    ? await db
        .selectFrom('channels')
        .select(['id', 'provider'])
        .where('account_id', '=', accountId)
        .where('id', '=', channelId)
        .executeTakeFirst()
    : undefined;
  if (!channel) throw new AppError('channel_not_found');
  if (channel.provider !== 'whatsapp') {
    throw new AppError('bad_request', 'Templates belong to WhatsApp channels only');
  }
}

function validate(input: TemplateInput) {
  const problems = templateProblems(input);
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid template', problems);
}

async function checkFree(db: Kysely<DB>, channelId: string, input: TemplateInput, exceptId?: string) {
  const clash = await db
    .selectFrom('whatsapp_templates')
    .select('id')
    .where('channel_id', '=', channelId)
    .where('name', '=', input.name)
    .where('language', '=', input.language)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw new AppError('conflict', `${input.name} (${input.language}) is already listed`);
}

export async function listTemplates(db: Kysely<DB>, accountId: string, channelId: string) {
  await requireWhatsAppChannel(db, accountId, channelId);
  const rows = await db
    .selectFrom('whatsapp_templates')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('channel_id', '=', channelId)
    .orderBy('name')
    .orderBy('language')
    .execute();
  return rows.map(toDto);
}

export async function getTemplate(db: Kysely<DB>, accountId: string, id: string) {
  const row = isUuid(id)
    ? await db
        .selectFrom('whatsapp_templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', 'No such WhatsApp template');
  return toDto(row);
}

export async function createTemplate(
  db: Kysely<DB>,
  input: TemplateInput & { accountId: string; channelId: string; now: Date },
) {
  await requireWhatsAppChannel(db, input.accountId, input.channelId);
  validate(input);
  await checkFree(db, input.channelId, input);
  const row = await db
    .insertInto('whatsapp_templates')
    .values({
      account_id: input.accountId,
      channel_id: input.channelId,
      name: input.name,
      language: input.language,
      body: input.body,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function updateTemplate(
  db: Kysely<DB>,
  input: TemplateInput & { accountId: string; id: string; now: Date },
) {
  const existing = await getTemplate(db, input.accountId, input.id);
  validate(input);
  await checkFree(db, existing.channelId, input, input.id);
  const row = await db
    .updateTable('whatsapp_templates')
    .set({ name: input.name, language: input.language, body: input.body, updated_at: input.now })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function deleteTemplate(db: Kysely<DB>, accountId: string, id: string) {
  await getTemplate(db, accountId, id);
  await db.deleteFrom('whatsapp_templates').where('id', '=', id).execute();
}
