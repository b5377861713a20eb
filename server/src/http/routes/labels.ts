import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  addConversationLabel,
  createLabel,
  deleteLabel,
  listLabels,
  removeConversationLabel,
} from '../../desk/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';

export async function labelRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get('/labels', { config: { access: 'member' }, schema: { tags: ['labels'] } }, async (request) => ({
    items: await listLabels(db, principalOf(request).accountId),
  }));

  app.post(
    '/labels',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['labels'],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
          color: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
        }),
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const body = request.body as { name: string; color?: string };
      const label = await createLabel(db, { accountId, ...body });
      reply.status(201);
      return { label };
    },
  );

  app.delete(
    '/labels/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['labels'], params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await deleteLabel(db, principalOf(request).accountId, (request.params as { id: string }).id);
      return { ok: true as const };
    },
  );

  app.post(
    '/conversations/:id/labels',
    {
      config: { access: 'member' },
      schema: {
        tags: ['labels'],
        summary: 'Add a label to the conversation',
        params: IdParams,
        body: Type.Object({ labelId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { labelId } = request.body as { labelId: string };
      await db.transaction().execute(async (trx) => {
        await addConversationLabel(trx, {
          accountId: principal.accountId,
          conversationId: id,
          labelId,
          now: ctx.clock(),
          actorUserId: principal.userId,
        });
        await publishConversation(trx, principal.accountId, id);
      });
      await ctx.hub.announce();
      return { ok: true as const };
    },
  );

  app.delete(
    '/conversations/:id/labels/:labelId',
    {
      config: { access: 'member' },
      schema: {
        tags: ['labels'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }), labelId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id, labelId } = request.params as { id: string; labelId: string };
      await db.transaction().execute(async (trx) => {
        await removeConversationLabel(trx, {
          accountId: principal.accountId,
          conversationId: id,
          labelId,
          now: ctx.clock(),
          actorUserId: principal.userId,
        });
        await publishConversation(trx, principal.accountId, id);
      });
      await ctx.hub.announce();
      return { ok: true as const };
    },
  );
}
