import type { Kysely, Selectable } from 'kysely';
import { adapterFor, type Provider } from '../channels/index.ts';
import type { DB, MessagesTable } from '../db/index.ts';
import { isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { attachmentKind, formatBytes } from './limits.ts';
import { attachmentContentPath } from './store.ts';

const KIND_WORDS = { image: 'images', video: 'videos', audio: 'audio files', file: 'files' } as const;

/** How a reply's file appears in `messages.attachments`, beside inbound ones (which carry a platform `url`). */
export interface StoredAttachmentRef {
  kind: 'image' | 'video' | 'audio' | 'file';
  attachmentId: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

/**
 * The files a reply in this conversation may carry: the channel must declare attachments (and take
 * this many), and every file must be an unsent upload of the conversation. Throws otherwise.
 * `lock` takes the files' rows for the caller's transaction.
 */
export async function attachableFiles(
  trx: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    channelId: string;
    attachmentIds: string[];
    lock?: boolean;
  },
) {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return [];
  const channel = await trx
    .selectFrom('channels')
    .select(['id', 'provider', 'name'])
    .where('id', '=', input.channelId)
    .executeTakeFirstOrThrow();
  const adapter = adapterFor(channel.provider);
  // Capabilities are declared per provider; no adapter reads the channel to answer them.
  const capabilities = adapter?.capabilities({
    id: channel.id,
    accountId: input.accountId,
    provider: channel.provider as Provider,
    secrets: {},
    settings: {},
  });
  if (!capabilities?.supportsAttachments) {
    throw new AppError(
      'reply_refused',
      `Replies on ${channel.name} (${channel.provider}) cannot carry attachments`,
      {
        reason: 'attachments_not_supported',
      },
    );
  }
  const max = capabilities.maxAttachmentsPerReply ?? ids.length;
  if (ids.length > max) {
    throw new AppError(
      'reply_refused',
      `A ${channel.provider} reply can carry ${max} file${max === 1 ? '' : 's'}; this one has ${ids.length}`,
      { reason: 'too_many_attachments', max },
    );
  }
  const query = trx
    .selectFrom('attachments')
    .select(['id', 'name', 'mime_type', 'size_bytes', 'created_at'])
    .where('account_id', '=', input.accountId)
    .where('conversation_id', '=', input.conversationId)
    .where('message_id', 'is', null)
    .where('id', 'in', ids);
  const rows = ids.every(isUuid) ? await (input.lock ? query.forUpdate() : query).execute() : [];
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', 'An attachment was not found in this conversation or was already sent', {
      attachmentIds: missing,
    });
  }
  // The platform fetches the file and refuses one over its own limit: say so now, not after sending.
  for (const row of rows) {
    const kind = attachmentKind(row.mime_type);
    const maxBytes = capabilities.maxAttachmentBytes?.[kind];
    if (maxBytes !== undefined && row.size_bytes > maxBytes) {
      throw new AppError(
        'reply_refused',
        `Replies on ${channel.name} (${channel.provider}) take ${KIND_WORDS[kind]} up to ${formatBytes(maxBytes)}; ${row.name} is ${formatBytes(row.size_bytes)}`,
        { reason: 'attachment_too_large', attachmentId: row.id, kind, maxBytes },
      );
    }
  }
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/**
 * Give uploaded files to a reply, inside the transaction that stored it (see `attachableFiles`).
 * Any refusal throws, so the whole reply rolls back and nothing is queued.
 */
export async function attachToReply(
  trx: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    message: Selectable<MessagesTable>;
    attachmentIds: string[];
  },
): Promise<Selectable<MessagesTable>> {
  const rows = await attachableFiles(trx, { ...input, channelId: input.message.channel_id, lock: true });
  if (rows.length === 0) return input.message;
  const ids = rows.map((row) => row.id);
  await trx.updateTable('attachments').set({ message_id: input.message.id }).where('id', 'in', ids).execute();
  const refs: StoredAttachmentRef[] = rows.map((row) => ({
    kind: attachmentKind(row.mime_type),
    attachmentId: row.id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    url: attachmentContentPath(row.id),
  }));
  return trx
    .updateTable('messages')
    .set({ attachments: JSON.stringify(refs) })
    .where('id', '=', input.message.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
