import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { mergeConversations, snoozeConversation, transferToTeam } from '../../desk/index.ts';
import { getConversation } from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

/** Snooze, merge and transfer: conversation moves that are not a plain field change. */
export async function deskActionRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.post(
    '/conversations/:id/snooze',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Snooze until a time; the conversation wakes then, or when the customer writes',
        params: IdParams,
        body: Type.Object({ until: Type.String({ format: 'date-time' }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { until } = request.body as { until: string };
      await db.transaction().execute(async (trx) => {
        await snoozeConversation(trx, {
          accountId: principal.accountId,
          conversationId: id,
          until: new Date(until),
          now: ctx.clock(),
          actorUserId: principal.userId,
        });
        await publishConversation(trx, principal.accountId, id);
      });
      await ctx.hub.announce();
      return getConversation(db, principal.accountId, id).then((r) => r.conversation);
    },
  );

  app.post(
    '/conversations/:id/merge',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Merge this conversation into another: messages move, this one closes and points to the survivor',
        params: IdParams,
        body: Type.Object({ intoConversationId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { intoConversationId } = request.body as { intoConversationId: string };
      await db.transaction().execute(async (trx) => {
        await mergeConversations(trx, {
          accountId: principal.accountId,
          sourceId: id,
          targetId: intoConversationId,
          now: ctx.clock(),
          actorUserId: principal.userId,
        });
        await publishConversation(trx, principal.accountId, id);
        await publishConversation(trx, principal.accountId, intoConversationId);
      });
      await ctx.hub.announce();
      return getConversation(db, principal.accountId, intoConversationId).then((r) => r.conversation);
    },
  );

  app.post(
    '/conversations/:id/transfer',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Transfer to a team (unassigned within it) with a note for the team',
        params: IdParams,
        body: Type.Object({
          teamId: Type.String({ maxLength: 64 }),
          note: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { teamId: string; note: string };
      await db.transaction().execute(async (trx) => {
        await transferToTeam(trx, {
          accountId: principal.accountId,
          conversationId: id,
          teamId: body.teamId,
          note: body.note,
          now: ctx.clock(),
          actorUserId: principal.userId,
        });
        await publishConversation(trx, principal.accountId, id);
      });
      await ctx.hub.announce();
      return getConversation(db, principal.accountId, id).then((r) => r.conversation);
    },
  );
}
