import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/index.ts';
import { getConversation } from '../../inbox/index.ts';
import {
  getPresence,
  listAgentBoard,
  pullNextConversation,
  routingSweep,
  setPresence,
  touchAgents,
} from '../../routing/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';
import { requireMember } from './routing-teams.ts';

const PresenceStatus = Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')]);

/** The agents' board, presence and the next-best-conversation button (teams, skills, capacity: routing-teams.ts). */
export async function routingRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/routing/agents',
    {
      config: { access: 'member' },
      schema: {
        tags: ['routing'],
        summary: 'Wallboard: every member with presence, teams, skills, capacity and current load',
      },
    },
    async (request) => ({ items: await listAgentBoard(db, principalOf(request).accountId) }),
  );

  app.get(
    '/routing/presence/me',
    { config: { access: 'member' }, schema: { tags: ['routing'] } },
    async (request) => {
      const principal = principalOf(request);
      return getPresence(db, principal.accountId, principal.userId);
    },
  );

  async function changePresence(
    accountId: string,
    userId: string,
    status: 'online' | 'away' | 'offline',
    setBy: 'agent' | 'supervisor',
  ) {
    const changed = await db
      .transaction()
      .execute((trx) => setPresence(trx, { accountId, userId, status, setBy, now: ctx.clock() }));
    if (changed) await ctx.hub.announce();
    // Coming online (or going away/offline) changes who can take work: look at the queue now.
    routingSweep(ctx).kick();
    return getPresence(db, accountId, userId);
  }

  app.put(
    '/routing/presence/me',
    {
      config: { access: 'member' },
      schema: {
        tags: ['routing'],
        summary: 'Set your presence: online, away or offline',
        body: Type.Object({ status: PresenceStatus }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { status } = request.body as { status: 'online' | 'away' | 'offline' };
      return changePresence(principal.accountId, principal.userId, status, 'agent');
    },
  );

  app.post(
    '/routing/presence/heartbeat',
    {
      config: { access: 'member' },
      schema: {
        tags: ['routing'],
        summary:
          'The agent is active (keeps them from being marked away); an inactivity-away agent comes back online',
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const current = await getPresence(db, principal.accountId, principal.userId);
      if (current.status === 'away' && current.setBy === 'inactivity')
        return changePresence(principal.accountId, principal.userId, 'online', 'agent');
      await db
        .transaction()
        .execute((trx) => touchAgents(trx, principal.accountId, [principal.userId], ctx.clock()));
      return getPresence(db, principal.accountId, principal.userId);
    },
  );

  app.put(
    '/routing/agents/:id/presence',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary: "Set an agent's presence (supervisors)",
        params: IdParams,
        body: Type.Object({ status: PresenceStatus }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { status } = request.body as { status: 'online' | 'away' | 'offline' };
      await requireMember(db, principal.accountId, id);
      return changePresence(principal.accountId, id, status, 'supervisor');
    },
  );

  app.post(
    '/routing/next',
    {
      config: { access: 'member' },
      schema: {
        tags: ['routing'],
        summary:
          'Next best conversation: assigns you the highest conversation in queue order that you may take',
        body: Type.Optional(Type.Object({ requireSkills: Type.Optional(Type.Boolean()) })),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = (request.body ?? {}) as { requireSkills?: boolean };
      if (body.requireSkills === false && principal.role === 'agent')
        throw new AppError('forbidden', 'Only supervisors may pull outside their skills');
      const id = await db.transaction().execute((trx) =>
        pullNextConversation(trx, {
          accountId: principal.accountId,
          userId: principal.userId,
          now: ctx.clock(),
          ...(body.requireSkills !== undefined ? { requireSkills: body.requireSkills } : {}),
        }),
      );
      if (!id) return { conversation: null };
      await ctx.hub.announce();
      return { conversation: (await getConversation(db, principal.accountId, id)).conversation };
    },
  );
}
