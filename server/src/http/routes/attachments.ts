import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  deleteUnsentAttachment,
  formatBytes,
  normaliseMimeType,
  readAttachment,
  readAttachmentById,
  type StoredFile,
  safeFileName,
  saveAttachment,
} from '../../attachments/index.ts';
import { AttachmentUrlSigner } from '../../channels/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

// Reply attachments: the composer uploads each file as the raw request body (its type in
// Content-Type, its name in ?name=), then names the returned ids in the reply. Members of the
// account read files back; platforms fetch them from the signed URL the outbox hands out.

const INLINE_FAMILIES = ['image/', 'video/', 'audio/'];

function sendFile(reply: FastifyReply, file: StoredFile, cacheControl: string) {
  const { name, mime_type: mimeType } = file.meta;
  const disposition = INLINE_FAMILIES.some((f) => mimeType.startsWith(f)) ? 'inline' : 'attachment';
  const asciiName = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return (
    reply
      .header('content-type', mimeType)
      .header('content-length', String(file.content.length))
      .header(
        'content-disposition',
        `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      // Customer-facing bytes are never interpreted as a page of ours.
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', cacheControl)
      .send(file.content)
  );
}

/** `/api/v1` routes: upload, read and remove attachments (members of the account). */
export async function attachmentRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const limits = { maxBytes: ctx.config.ATTACHMENT_MAX_BYTES, allowedTypes: ctx.config.ATTACHMENT_TYPES };
  // Uploads are raw bytes; the limit is enforced while reading, before anything is stored.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxBytes }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError('payload_too_large', `Attachments are limited to ${formatBytes(limits.maxBytes)}`, {
        maxBytes: limits.maxBytes,
      });
    }
    throw error;
  });

  app.post(
    '/conversations/:id/attachments',
    {
      bodyLimit: limits.maxBytes,
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Upload a file for a reply in this conversation: the raw bytes as the body, the type as Content-Type, the file name as ?name=. 413 past ATTACHMENT_MAX_BYTES, 415 for a type not in ATTACHMENT_TYPES or bytes that are not that type.',
        params: IdParams,
        querystring: Type.Object({ name: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { name } = request.query as { name?: string };
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const mimeType = normaliseMimeType(request.headers['content-type']);
      const attachment = await saveAttachment(db, {
        accountId: principal.accountId,
        conversationId: id,
        userId: principal.userId,
        name: safeFileName(name),
        mimeType,
        content,
        now: ctx.clock(),
        limits,
      });
      reply.status(201);
      return { attachment };
    },
  );

  app.get(
    '/attachments/:id/content',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'The bytes of an attachment of this account',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const file = await readAttachment(db, principalOf(request).accountId, id);
      return sendFile(reply, file, 'private, max-age=3600');
    },
  );

  app.delete(
    '/attachments/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Remove an uploaded file no reply has carried yet (409 once sent)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await deleteUnsentAttachment(db, principalOf(request).accountId, id);
      return reply.status(204).send();
    },
  );
}

/** `GET /files/:id/:name`: the signed URL platforms fetch a reply's file from; 404 unless the signature holds. */
export async function attachmentFileRoutes(app: FastifyInstance, ctx: ServerContext) {
  const signer = new AttachmentUrlSigner(ctx.secretKey, ctx.config.PUBLIC_URL);
  app.get(
    '/files/:id/:name',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 1000 }) }),
        querystring: Type.Object({
          expires: Type.Optional(Type.String({ maxLength: 20 })),
          signature: Type.Optional(Type.String({ maxLength: 128 })),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = request.query as { expires?: string; signature?: string };
      const ref = { id, expires: Number(query.expires), signature: query.signature ?? '' };
      if (!signer.isValid(ref, ctx.clock())) throw new AppError('not_found', 'No such file');
      const file = await readAttachmentById(ctx.db.kysely, id);
      // Only a file a reply carries is ever handed out; an unsent upload is not public.
      if (!file.meta.message_id) throw new AppError('not_found', 'No such file');
      return sendFile(reply, file, 'private, max-age=300');
    },
  );
}
