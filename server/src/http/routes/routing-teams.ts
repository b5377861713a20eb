import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../accounts/index.ts';
import { type DB, isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { listTeamsWithMembers, routingSweep } from '../../routing/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

const WorkKind = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' });

export async function requireMember(db: Kysely<DB>, accountId: string, userId: string) {
  const member = isUuid(userId)
    ? await db
        .selectFrom('memberships')
        .select('user_id')
        .where('account_id', '=', accountId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    : undefined;
  if (!member) throw new AppError('user_not_found');
}

async function requireTeam(db: Kysely<DB>, accountId: string, teamId: string) {
  const team = isUuid(teamId)
    ? await db
        .selectFrom('teams')
        .select('id')
        .where('account_id', '=', accountId)
        .where('id', '=', teamId)
        .executeTakeFirst()
    : undefined;
  if (!team) throw new AppError('not_found', 'No such team');
}

/** Teams and their members, agents' skills and capacity (supervisors change them). */
export async function routingTeamRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/routing/teams',
    { config: { access: 'member' }, schema: { tags: ['routing'], summary: 'Teams with their member ids' } },
    async (request) => ({ items: await listTeamsWithMembers(db, principalOf(request).accountId) }),
  );

  app.post(
    '/routing/teams',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          memberIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body as { name: string; memberIds?: string[] };
      for (const id of body.memberIds ?? []) await requireMember(db, principal.accountId, id);
      const exists = await db
        .selectFrom('teams')
        .select('id')
        .where('account_id', '=', principal.accountId)
        .where('name', '=', body.name)
        .executeTakeFirst();
      if (exists) throw new AppError('conflict', 'A team with this name exists');
      const team = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('teams')
          .values({ account_id: principal.accountId, name: body.name })
          .returning(['id', 'name'])
          .executeTakeFirstOrThrow();
        const members = [...new Set(body.memberIds ?? [])];
        if (members.length > 0)
          await trx
            .insertInto('team_members')
            .values(
              members.map((user_id) => ({ account_id: principal.accountId, team_id: created.id, user_id })),
            )
            .execute();
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'team.create',
          targetType: 'team',
          targetId: created.id,
          details: { name: body.name },
        });
        return { ...created, memberIds: members.sort() };
      });
      reply.status(201);
      return team;
    },
  );

  app.put(
    '/routing/teams/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary: 'Rename a team and/or replace its members',
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          memberIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { name?: string; memberIds?: string[] };
      await requireTeam(db, principal.accountId, id);
      for (const userId of body.memberIds ?? []) await requireMember(db, principal.accountId, userId);
      await db.transaction().execute(async (trx) => {
        if (body.name) await trx.updateTable('teams').set({ name: body.name }).where('id', '=', id).execute();
        if (body.memberIds) {
          await trx.deleteFrom('team_members').where('team_id', '=', id).execute();
          const members = [...new Set(body.memberIds)];
          if (members.length > 0)
            await trx
              .insertInto('team_members')
              .values(members.map((user_id) => ({ account_id: principal.accountId, team_id: id, user_id })))
              .execute();
        }
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'team.update',
          targetType: 'team',
          targetId: id,
          details: body,
        });
      });
      routingSweep(ctx).kick();
      return (await listTeamsWithMembers(db, principal.accountId)).find((t) => t.id === id);
    },
  );

  app.delete(
    '/routing/teams/:id',
    { config: { access: 'admin' }, schema: { tags: ['routing'], params: IdParams } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await requireTeam(db, principal.accountId, id);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('routing_settings')
          .where('account_id', '=', principal.accountId)
          .where('scope', '=', 'team')
          .where('scope_id', '=', id)
          .execute();
        await trx.deleteFrom('teams').where('id', '=', id).execute();
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'team.delete',
          targetType: 'team',
          targetId: id,
        });
      });
      return { ok: true as const };
    },
  );

  app.put(
    '/routing/agents/:id/skills',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary: "Replace an agent's skills (proficiency 1 basic … 5 expert)",
        params: IdParams,
        body: Type.Object({
          skills: Type.Array(
            Type.Object({
              skill: Type.String({ minLength: 1, maxLength: 64 }),
              proficiency: Type.Integer({ minimum: 1, maximum: 5 }),
            }),
            { maxItems: 200 },
          ),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { skills } = request.body as { skills: { skill: string; proficiency: number }[] };
      await requireMember(db, principal.accountId, id);
      const names = skills.map((s) => s.skill);
      if (new Set(names).size !== names.length)
        throw new AppError('validation_failed', 'A skill is listed twice', [
          { field: 'skills', message: 'skills must be unique' },
        ]);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('agent_skills')
          .where('account_id', '=', principal.accountId)
          .where('user_id', '=', id)
          .execute();
        if (skills.length > 0)
          await trx
            .insertInto('agent_skills')
            .values(
              skills.map((s) => ({
                account_id: principal.accountId,
                user_id: id,
                skill: s.skill,
                proficiency: s.proficiency,
              })),
            )
            .execute();
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'agent.skills',
          targetType: 'user',
          targetId: id,
          details: { skills },
        });
      });
      routingSweep(ctx).kick();
      return { skills };
    },
  );

  app.put(
    '/routing/agents/:id/capacity',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary:
          "Replace an agent's capacity per kind of work, e.g. { call: 1, chat: 3, social: 8 }; {} returns to the account default",
        params: IdParams,
        body: Type.Object({
          capacity: Type.Record(WorkKind, Type.Integer({ minimum: 0, maximum: 1000 })),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { capacity } = request.body as { capacity: Record<string, number> };
      await requireMember(db, principal.accountId, id);
      const bad = Object.keys(capacity).filter((k) => !/^[a-z][a-z0-9_-]{0,31}$/.test(k));
      if (bad.length > 0)
        throw new AppError(
          'validation_failed',
          'Invalid kind of work',
          bad.map((k) => ({ field: `capacity.${k}`, message: 'must be a short lower-case name' })),
        );
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('agent_capacity')
          .where('account_id', '=', principal.accountId)
          .where('user_id', '=', id)
          .execute();
        const entries = Object.entries(capacity);
        if (entries.length > 0)
          await trx
            .insertInto('agent_capacity')
            .values(
              entries.map(([work_kind, max_open]) => ({
                account_id: principal.accountId,
                user_id: id,
                work_kind,
                max_open,
              })),
            )
            .execute();
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'agent.capacity',
          targetType: 'user',
          targetId: id,
          details: { capacity },
        });
      });
      routingSweep(ctx).kick();
      return { capacity };
    },
  );
}
