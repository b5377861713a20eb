import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  addMember,
  changeRole,
  createApiToken,
  generatePassword,
  listApiTokens,
  listAudit,
  listMembers,
  removeMember,
  revokeApiToken,
} from '../../accounts/index.ts';
import { isUuid, type Role as RoleName } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok, Role } from '../schemas.ts';

const requireUuid = (id: string, code: 'user_not_found' | 'not_found') => {
  if (!isUuid(id)) throw new AppError(code);
  return id;
};

export async function userRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get('/users', { config: { access: 'member' }, schema: { tags: ['users'] } }, async (request) => ({
    items: await listMembers(db, principalOf(request).accountId),
  }));

  app.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Add a member; without a password one is generated and returned once',
        body: Type.Object({
          email: Type.String({ format: 'email', maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: Role,
          password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body as { email: string; name: string; role: RoleName; password?: string };
      const password = body.password ?? generatePassword();
      const member = await db.transaction().execute((trx) =>
        addMember(trx, {
          accountId: principal.accountId,
          ...body,
          password,
          actorUserId: principal.userId,
        }),
      );
      reply.status(201);
      return { member, ...(body.password ? {} : { generatedPassword: password }) };
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['users'], params: IdParams, body: Type.Object({ role: Role }), response: { 200: Ok } },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { role } = request.body as { role: RoleName };
      await db.transaction().execute((trx) =>
        changeRole(trx, {
          accountId: principal.accountId,
          userId: requireUuid(id, 'user_not_found'),
          role,
          actorUserId: principal.userId,
        }),
      );
      return { ok: true as const };
    },
  );

  app.delete(
    '/users/:id',
    { config: { access: 'admin' }, schema: { tags: ['users'], params: IdParams, response: { 200: Ok } } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await db.transaction().execute((trx) =>
        removeMember(trx, {
          accountId: principal.accountId,
          userId: requireUuid(id, 'user_not_found'),
          actorUserId: principal.userId,
        }),
      );
      return { ok: true as const };
    },
  );

  app.get('/teams', { config: { access: 'member' }, schema: { tags: ['users'] } }, async (request) => ({
    items: await db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('account_id', '=', principalOf(request).accountId)
      .orderBy('name')
      .execute(),
  }));

  app.get(
    '/api-tokens',
    { config: { access: 'admin' }, schema: { tags: ['api tokens'] } },
    async (request) => ({
      items: await listApiTokens(db, principalOf(request).accountId),
    }),
  );

  app.post(
    '/api-tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token; its secret is returned once and stored only hashed',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), role: Type.Optional(Role) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body as { name: string; role?: RoleName };
      const created = await db.transaction().execute((trx) =>
        createApiToken(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          name: body.name,
          role: body.role ?? 'agent',
        }),
      );
      reply.status(201);
      return created;
    },
  );

  app.delete(
    '/api-tokens/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['api tokens'], params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await db.transaction().execute((trx) =>
        revokeApiToken(trx, {
          accountId: principal.accountId,
          tokenId: requireUuid(id, 'not_found'),
          actorUserId: principal.userId,
          now: ctx.clock(),
        }),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/audit-log',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      },
    },
    async (request) => ({
      items: await listAudit(
        db,
        principalOf(request).accountId,
        (request.query as { limit?: number }).limit ?? 100,
      ),
    }),
  );
}
