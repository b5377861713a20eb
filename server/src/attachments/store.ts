import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AttachmentsTable, DB } from '../db/index.ts';
import { isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type AttachmentKind, attachmentKind, checkUpload, type UploadLimits } from './limits.ts';

export interface AttachmentDto {
  id: string;
  conversationId: string;
  messageId: string | null;
  name: string;
  mimeType: string;
  sizeBytes: number;
  kind: AttachmentKind;
  /** Where a signed-in member downloads it. */
  url: string;
  createdAt: string;
}

/** How long an upload no reply has taken is kept. */
export const UNSENT_TTL_MS = 3 * 24 * 3_600_000;

type AttachmentMeta = Omit<Selectable<AttachmentsTable>, 'content'>;

const META_COLUMNS = [
  'id',
  'account_id',
  'conversation_id',
  'message_id',
  'uploaded_by',
  'name',
  'mime_type',
  'size_bytes',
  'sha256',
  'created_at',
] as const;

export function attachmentContentPath(id: string): string {
  return `/api/v1/attachments/${id}/content`;
}

export function toAttachmentDto(row: AttachmentMeta): AttachmentDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    kind: attachmentKind(row.mime_type),
    url: attachmentContentPath(row.id),
    createdAt: row.created_at.toISOString(),
  };
}

/** Store an upload for a conversation of the account (404 for anyone else's conversation). */
export async function saveAttachment(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    userId: string | null;
    name: string;
    mimeType: string;
    content: Buffer;
    now: Date;
    limits: UploadLimits;
  },
): Promise<AttachmentDto> {
  const conversation = isUuid(input.conversationId)
    ? await db
        .selectFrom('conversations')
        .select('id')
        .where('account_id', '=', input.accountId)
        .where('id', '=', input.conversationId)
        .executeTakeFirst()
    : undefined;
  // Another tenant's conversation is a 404 whatever the file, as for every other route.
  if (!conversation) throw new AppError('conversation_not_found');
  checkUpload(input.mimeType, input.content, input.limits);
  // Files agents attached and then abandoned (composer closed, reply never sent) go after a while.
  await db
    .deleteFrom('attachments')
    .where('account_id', '=', input.accountId)
    .where('message_id', 'is', null)
    .where('created_at', '<', new Date(input.now.getTime() - UNSENT_TTL_MS))
    // …but not those of a reply still waiting for a supervisor.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reply_approvals as r')
            .select('r.id')
            .where('r.status', '=', 'pending')
            .whereRef('r.conversation_id', '=', 'attachments.conversation_id')
            .where(sql<boolean>`attachments.id = ANY(r.attachment_ids)`),
        ),
      ),
    )
    .execute();
  const row = await db
    .insertInto('attachments')
    .values({
      account_id: input.accountId,
      conversation_id: conversation.id,
      uploaded_by: input.userId,
      name: input.name,
      mime_type: input.mimeType,
      size_bytes: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      // Bytes travel as base64 and are decoded by the database: PGlite's own bytea parameter encoding
      // takes seconds for a 10 MB file.
      content: sql<Uint8Array>`decode(${input.content.toString('base64')}, 'base64')`,
      created_at: input.now,
    })
    .returning(META_COLUMNS)
    .executeTakeFirstOrThrow();
  return toAttachmentDto(row);
}

export interface StoredFile {
  meta: AttachmentMeta;
  content: Buffer;
}

/** One attachment of the account with its bytes; 404 for another tenant's or a malformed id. */
export async function readAttachment(db: Kysely<DB>, accountId: string, id: string): Promise<StoredFile> {
  return readFile(db, id, accountId);
}

/** For a signed URL: the signature already proved the id was handed out by Parley. */
export async function readAttachmentById(db: Kysely<DB>, id: string): Promise<StoredFile> {
  return readFile(db, id);
}

async function readFile(db: Kysely<DB>, id: string, accountId?: string): Promise<StoredFile> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such attachment');
  let query = db
    .selectFrom('attachments')
    .select([...META_COLUMNS, sql<string>`encode(content, 'base64')`.as('content_base64')])
    .where('id', '=', id);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such attachment');
  const { content_base64, ...meta } = row;
  return { meta, content: Buffer.from(content_base64, 'base64') };
}

/** Remove a file still waiting in the composer; one a reply carries is part of that reply (409). */
export async function deleteUnsentAttachment(db: Kysely<DB>, accountId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such attachment');
  const row = await db
    .selectFrom('attachments')
    .select('message_id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such attachment');
  if (row.message_id) throw new AppError('conflict', 'This file was already sent with a reply');
  if (await isHeldForApproval(db, accountId, id))
    throw new AppError('conflict', 'This file goes with a reply awaiting approval');
  await db.deleteFrom('attachments').where('id', '=', id).where('message_id', 'is', null).execute();
}

async function isHeldForApproval(db: Kysely<DB>, accountId: string, attachmentId: string): Promise<boolean> {
  const held = await db
    .selectFrom('reply_approvals')
    .select('id')
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .where(sql<boolean>`${attachmentId}::uuid = ANY(attachment_ids)`)
    .executeTakeFirst();
  return held !== undefined;
}
