import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listViewers, lockConversation, type PresenceState, recordPresence } from '../../desk/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

export async function presenceRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.post(
    '/conversations/:id/presence',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Heartbeat: the agent is viewing or typing in the conversation (send every 10 s; it expires after 30 s), or left',
        params: IdParams,
        body: Type.Object({
          state: Type.Union([Type.Literal('viewing'), Type.Literal('typing'), Type.Literal('left')]),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { state } = request.body as { state: PresenceState };
      const viewers = await db.transaction().execute(async (trx) => {
        await lockConversation(trx, principal.accountId, id);
        const before = await listViewers(trx, principal.accountId, id, ctx.clock());
        await recordPresence(trx, {
          accountId: principal.accountId,
          conversationId: id,
          userId: principal.userId,
          state,
          now: ctx.clock(),
        });
        const after = await listViewers(trx, principal.accountId, id, ctx.clock());
        const key = (v: typeof after) => v.map((x) => `${x.userId}:${x.state}`).join(',');
        // Broadcast only changes, not every heartbeat.
        if (key(before) !== key(after)) {
          await appendRealtimeEvents(trx, [
            {
              accountId: principal.accountId,
              type: 'presence.updated',
              payload: { conversationId: id, viewers: after },
            },
          ]);
        }
        return after;
      });
      await ctx.hub.announce();
      return { viewers };
    },
  );

  app.get(
    '/conversations/:id/presence',
    { config: { access: 'member' }, schema: { tags: ['conversations'], params: IdParams } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await lockConversation(db, principal.accountId, id); // 404 for another account's conversation
      return { viewers: await listViewers(db, principal.accountId, id, ctx.clock()) };
    },
  );
}
