import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { OutboundAttachment, OutboundReply } from '../adapter.ts';
import type { AttachmentUrlSigner } from './attachment-urls.ts';

// The files a queued reply carries, read by the outbox without their bytes (most platforms fetch
// them by URL); channels that carry the bytes themselves (email) load them in their `prepare`.

export async function loadReplyAttachments(
  db: Kysely<DB>,
  messageId: string,
  signer: AttachmentUrlSigner,
  now: Date,
): Promise<OutboundAttachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'name', 'mime_type', 'size_bytes'])
    .where('message_id', '=', messageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    url: signer.urlFor(row, now),
  }));
}

/** The reply with each attachment's bytes filled in. */
export async function withAttachmentContent(db: Kysely<DB>, reply: OutboundReply): Promise<OutboundReply> {
  const files = reply.attachments ?? [];
  if (files.length === 0) return reply;
  const rows = await db
    .selectFrom('attachments')
    // base64 on the wire: far faster than PGlite's bytea decoding for large files.
    .select(['id', sql<string>`encode(content, 'base64')`.as('content_base64')])
    .where('message_id', '=', reply.messageId)
    .execute();
  const contentById = new Map(rows.map((row) => [row.id, Buffer.from(row.content_base64, 'base64')]));
  return {
    ...reply,
    attachments: files.map((file) => {
      const content = contentById.get(file.id);
      if (!content) throw new Error(`attachment ${file.id} of message ${reply.messageId} has no content`);
      return { ...file, content };
    }),
  };
}
