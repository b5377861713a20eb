import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type CannedInput,
  createCanned,
  deleteCanned,
  listCanned,
  renderCanned,
  updateCanned,
  VARIABLE_NAMES,
} from '../../desk/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';

const CannedBody = Type.Object({
  shortcut: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  body: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' }),
  isShared: Type.Boolean({ description: 'Shared with the account (supervisors and admins) or personal' }),
});

export async function cannedRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/canned-responses',
    {
      config: { access: 'member' },
      schema: {
        tags: ['canned responses'],
        summary: 'Shared responses and your own, with the variables you can use',
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        items: await listCanned(db, principal.accountId, principal.userId),
        variables: VARIABLE_NAMES,
      };
    },
  );

  app.post(
    '/canned-responses',
    { config: { access: 'member' }, schema: { tags: ['canned responses'], body: CannedBody } },
    async (request, reply) => {
      const item = await createCanned(db, principalOf(request), request.body as CannedInput, ctx.clock());
      reply.status(201);
      return { item };
    },
  );

  app.put(
    '/canned-responses/:id',
    {
      config: { access: 'member' },
      schema: { tags: ['canned responses'], params: IdParams, body: CannedBody },
    },
    async (request) => ({
      item: await updateCanned(
        db,
        principalOf(request),
        (request.params as { id: string }).id,
        request.body as CannedInput,
        ctx.clock(),
      ),
    }),
  );

  app.delete(
    '/canned-responses/:id',
    {
      config: { access: 'member' },
      schema: { tags: ['canned responses'], params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await deleteCanned(db, principalOf(request), (request.params as { id: string }).id);
      return { ok: true as const };
    },
  );

  app.get(
    '/conversations/:id/canned-responses/:cannedId/render',
    {
      config: { access: 'member' },
      schema: {
        tags: ['canned responses'],
        summary:
          "Fill a canned response's variables for this conversation and check the channel's length limit",
        params: Type.Object({ id: Type.String({ maxLength: 64 }), cannedId: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({
          isPublic: Type.Optional(
            Type.Boolean({ description: "Reply visibility (default: the conversation's)" }),
          ),
        }),
      },
    },
    async (request) => {
      const { id, cannedId } = request.params as { id: string; cannedId: string };
      const { isPublic } = request.query as { isPublic?: boolean };
      return renderCanned(db, principalOf(request), cannedId, id, isPublic);
    },
  );
}
