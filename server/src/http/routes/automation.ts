import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  loadFacts,
  matches,
  type RuleBody,
  RuleBodySchema,
  updateRule,
  validateRule,
} from '../../automation/index.ts';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';

export async function automationRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/automation/rules',
    { config: { access: 'admin' }, schema: { tags: ['automation'], summary: 'Rules in evaluation order' } },
    async (request) => ({ items: await listRules(db, principalOf(request).accountId) }),
  );

  app.get(
    '/automation/rules/:id',
    { config: { access: 'admin' }, schema: { tags: ['automation'], params: IdParams } },
    async (request) => ({
      rule: await getRule(db, principalOf(request).accountId, (request.params as { id: string }).id),
    }),
  );

  app.post(
    '/automation/rules',
    { config: { access: 'admin' }, schema: { tags: ['automation'], body: RuleBodySchema } },
    async (request, reply) => {
      const principal = principalOf(request);
      const rule = await db
        .transaction()
        .execute((trx) => createRule(trx, principal, request.body as RuleBody, ctx.clock(), ctx.secretKey));
      reply.status(201);
      return { rule };
    },
  );

  app.put(
    '/automation/rules/:id',
    { config: { access: 'admin' }, schema: { tags: ['automation'], params: IdParams, body: RuleBodySchema } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const rule = await db
        .transaction()
        .execute((trx) =>
          updateRule(trx, principal, id, request.body as RuleBody, ctx.clock(), ctx.secretKey),
        );
      return { rule };
    },
  );

  app.delete(
    '/automation/rules/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['automation'], params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      const principal = principalOf(request);
      await db
        .transaction()
        .execute((trx) => deleteRule(trx, principal, (request.params as { id: string }).id));
      return { ok: true as const };
    },
  );

  app.post(
    '/automation/rules/preview',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['automation'],
        summary: "Dry run: would this rule's conditions match the conversation now? Nothing is changed.",
        body: Type.Object({ rule: RuleBodySchema, conversationId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const body = request.body as { rule: RuleBody; conversationId: string };
      const secretsMasked = {
        ...body.rule,
        actions: body.rule.actions.map((a) => (a.type === 'webhook' ? { ...a, secret: 'x'.repeat(16) } : a)),
      };
      await validateRule(db, accountId, secretsMasked);
      const facts = isUuid(body.conversationId)
        ? await loadFacts(db, accountId, body.conversationId, { now: ctx.clock() })
        : null;
      if (!facts) throw new AppError('conversation_not_found');
      const conditions = body.rule.conditions.map((condition) => ({
        condition,
        matches: matches(condition, facts),
      }));
      return { matches: conditions.every((c) => c.matches), conditions, facts };
    },
  );
}
