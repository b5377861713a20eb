import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type ApprovalSettings,
  approveReply,
  getApprovalSettings,
  listApprovals,
  lockConversation,
  rejectReply,
  saveApprovalSettings,
  setMemberNeedsApproval,
} from '../../desk/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';

const Settings = Type.Object({ requireForAgents: Type.Boolean(), exemptPrivate: Type.Boolean() });

export async function approvalRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/approvals',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['approvals'],
        summary: 'Replies held for a supervisor (default: pending, oldest first)',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
          ),
        }),
      },
    },
    async (request) => {
      const { status } = request.query as { status?: 'pending' | 'approved' | 'rejected' };
      return {
        items: await listApprovals(db, principalOf(request).accountId, { status: status ?? 'pending' }),
      };
    },
  );

  app.get(
    '/conversations/:id/approvals',
    { config: { access: 'member' }, schema: { tags: ['approvals'], params: IdParams } },
    async (request) => {
      const { accountId } = principalOf(request);
      const { id } = request.params as { id: string };
      await lockConversation(db, accountId, id); // 404 for another account's conversation
      return { items: await listApprovals(db, accountId, { conversationId: id }) };
    },
  );

  app.post(
    '/approvals/:id/approve',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['approvals'],
        summary: 'Approve (with edited text if given): the reply goes to the outbox as the author’s',
        params: IdParams,
        body: Type.Object({
          text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' })),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { text?: string };
      const result = await db.transaction().execute(async (trx) => {
        const decided = await approveReply(trx, {
          accountId: principal.accountId,
          approvalId: id,
          reviewerUserId: principal.userId,
          ...(body.text !== undefined ? { text: body.text } : {}),
          now: ctx.clock(),
          channels: ctx.channels,
        });
        await publishConversation(trx, principal.accountId, decided.approval.conversationId, [
          { type: 'approval.decided', payload: { approval: decided.approval } },
          { type: 'message.created', payload: { message: decided.message } },
        ]);
        return decided;
      });
      await ctx.hub.announce();
      ctx.kickOutbox();
      return result;
    },
  );

  app.post(
    '/approvals/:id/reject',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['approvals'],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { reason } = request.body as { reason: string };
      const approval = await db.transaction().execute(async (trx) => {
        const rejected = await rejectReply(trx, {
          accountId: principal.accountId,
          approvalId: id,
          reviewerUserId: principal.userId,
          reason,
          now: ctx.clock(),
        });
        await publishConversation(trx, principal.accountId, rejected.conversationId, [
          { type: 'approval.decided', payload: { approval: rejected } },
        ]);
        return rejected;
      });
      await ctx.hub.announce();
      return { approval };
    },
  );

  app.get(
    '/settings/approvals',
    { config: { access: 'member' }, schema: { tags: ['approvals'] } },
    async (request) => {
      const { accountId } = principalOf(request);
      const flagged = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('account_id', '=', accountId)
        .where('needs_approval', '=', true)
        .execute();
      return {
        settings: await getApprovalSettings(db, accountId),
        flaggedUserIds: flagged.map((m) => m.user_id),
      };
    },
  );

  app.put(
    '/settings/approvals',
    { config: { access: 'admin' }, schema: { tags: ['approvals'], body: Settings } },
    async (request) => {
      const principal = principalOf(request);
      const settings = request.body as ApprovalSettings;
      await db
        .transaction()
        .execute((trx) => saveApprovalSettings(trx, principal.accountId, principal.userId, settings));
      return { settings };
    },
  );

  app.put(
    '/users/:id/needs-approval',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['approvals'],
        summary: "Whether this member's replies wait for a supervisor",
        params: IdParams,
        body: Type.Object({ needsApproval: Type.Boolean() }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { needsApproval } = request.body as { needsApproval: boolean };
      await db.transaction().execute((trx) =>
        setMemberNeedsApproval(trx, {
          accountId: principal.accountId,
          userId: id,
          needsApproval,
          actorUserId: principal.userId,
        }),
      );
      return { ok: true as const };
    },
  );
}
