import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../accounts/index.ts';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import {
  type CalendarInput,
  calendarDto,
  DEFAULT_ROUTING_SETTINGS,
  DEFAULT_SLA_POLICY,
  defaultStrategyRegistry,
  loadAccountRoutingSettings,
  type PolicyInput,
  policyDto,
  type RoutingScope,
  routingSweep,
  saveCalendar,
  savePolicy,
  saveRoutingSettings,
  validateRoutingSettings,
} from '../../routing/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

const Period = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  start: Type.String({ maxLength: 5 }),
  end: Type.String({ maxLength: 5 }),
});
const CalendarBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  isAlwaysOpen: Type.Optional(Type.Boolean()),
  periods: Type.Optional(Type.Array(Period, { maxItems: 100 })),
  holidays: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 1000 })),
  specialDays: Type.Optional(
    Type.Array(
      Type.Object({
        date: Type.String({ maxLength: 10 }),
        periods: Type.Array(
          Type.Object({ start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) }),
          { maxItems: 10 },
        ),
      }),
      { maxItems: 1000 },
    ),
  ),
  isDefault: Type.Optional(Type.Boolean()),
});
const Ms = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);
const PolicyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  calendarId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  atRiskShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  priorityFactors: Type.Optional(Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }))),
  rules: Type.Array(
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 100 }),
      match: Type.Object({
        channels: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })),
        visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
        priorities: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 4 })),
      }),
      targets: Type.Object({ firstResponseMs: Ms, nextResponseMs: Ms, resolutionMs: Ms }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
  isDefault: Type.Optional(Type.Boolean()),
});

/** Routing settings, business-hours calendars and SLA policies (admins and supervisors). */
export async function routingConfigRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/routing/settings',
    {
      config: { access: 'member' },
      schema: {
        tags: ['routing'],
        summary: 'Routing settings: defaults, the account, and each team and channel override',
      },
    },
    async (request) => {
      const all = await loadAccountRoutingSettings(db, principalOf(request).accountId);
      return {
        defaults: DEFAULT_ROUTING_SETTINGS,
        strategies: defaultStrategyRegistry().names(),
        account: all.account,
        teams: Object.fromEntries(all.teams),
        channels: Object.fromEntries(all.channels),
      };
    },
  );

  app.put(
    '/routing/settings/:scope/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary:
          "Change settings of the account (scope 'account', id 'current'), a team or a channel; null clears an override",
        params: Type.Object({
          scope: Type.Union([Type.Literal('account'), Type.Literal('team'), Type.Literal('channel')]),
          id: Type.String({ maxLength: 64 }),
        }),
        body: Type.Record(Type.String(), Type.Unknown()),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { scope, id } = request.params as { scope: RoutingScope; id: string };
      const body = request.body as Record<string, unknown>;
      let scopeId: string | null = null;
      if (scope !== 'account') {
        const table = scope === 'team' ? 'teams' : 'channels';
        const found = isUuid(id)
          ? await db
              .selectFrom(table)
              .select('id')
              .where('account_id', '=', principal.accountId)
              .where('id', '=', id)
              .executeTakeFirst()
          : undefined;
        if (!found) throw new AppError('not_found', `No such ${scope}`);
        scopeId = id;
      }
      const patch = await validateRoutingSettings(db, principal.accountId, scope, body);
      const saved = await db.transaction().execute(async (trx) => {
        const merged = await saveRoutingSettings(
          trx,
          principal.accountId,
          scope,
          scopeId,
          patch,
          ctx.clock(),
        );
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'routing.settings',
          targetType: scope,
          targetId: scopeId,
          details: patch as Record<string, unknown>,
        });
        return merged;
      });
      routingSweep(ctx).kick();
      return { scope, id: scopeId, settings: saved };
    },
  );

  app.get(
    '/routing/calendars',
    { config: { access: 'member' }, schema: { tags: ['routing'] } },
    async (request) => ({
      items: (
        await db
          .selectFrom('business_calendars')
          .selectAll()
          .where('account_id', '=', principalOf(request).accountId)
          .orderBy('name')
          .execute()
      ).map(calendarDto),
    }),
  );

  async function upsertCalendar(accountId: string, userId: string, id: string | null, body: CalendarInput) {
    const savedId = await db.transaction().execute(async (trx) => {
      const saved = await saveCalendar(trx, accountId, id, body, ctx.clock());
      await recordAudit(trx, {
        accountId,
        actorUserId: userId,
        action: id ? 'calendar.update' : 'calendar.create',
        targetType: 'business_calendar',
        targetId: saved,
      });
      return saved;
    });
    const row = await db
      .selectFrom('business_calendars')
      .selectAll()
      .where('id', '=', savedId)
      .executeTakeFirstOrThrow();
    return calendarDto(row);
  }

  async function requireRow(table: 'business_calendars' | 'sla_policies', accountId: string, id: string) {
    const row = isUuid(id)
      ? await db
          .selectFrom(table)
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('not_found');
  }

  app.post(
    '/routing/calendars',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary:
          'Create a business-hours calendar (time zone, periods incl. past midnight, holidays, special days)',
        body: CalendarBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const calendar = await upsertCalendar(
        principal.accountId,
        principal.userId,
        null,
        request.body as CalendarInput,
      );
      reply.status(201);
      return calendar;
    },
  );

  app.put(
    '/routing/calendars/:id',
    { config: { access: 'supervisor' }, schema: { tags: ['routing'], params: IdParams, body: CalendarBody } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await requireRow('business_calendars', principal.accountId, id);
      return upsertCalendar(principal.accountId, principal.userId, id, request.body as CalendarInput);
    },
  );

  app.delete(
    '/routing/calendars/:id',
    { config: { access: 'admin' }, schema: { tags: ['routing'], params: IdParams } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await requireRow('business_calendars', principal.accountId, id);
      const used = await db
        .selectFrom('sla_policies')
        .select('id')
        .where('account_id', '=', principal.accountId)
        .where('calendar_id', '=', id)
        .executeTakeFirst();
      if (used) throw new AppError('conflict', 'An SLA policy uses this calendar');
      await db.deleteFrom('business_calendars').where('id', '=', id).execute();
      return { ok: true as const };
    },
  );

  app.get(
    '/routing/sla-policies',
    { config: { access: 'member' }, schema: { tags: ['routing'] } },
    async (request) => ({
      items: (
        await db
          .selectFrom('sla_policies')
          .selectAll()
          .where('account_id', '=', principalOf(request).accountId)
          .orderBy('name')
          .execute()
      ).map(policyDto),
      builtInDefault: DEFAULT_SLA_POLICY,
    }),
  );

  async function upsertPolicy(accountId: string, userId: string, id: string | null, body: PolicyInput) {
    const savedId = await db.transaction().execute(async (trx) => {
      const saved = await savePolicy(trx, accountId, id, body, ctx.clock());
      await recordAudit(trx, {
        accountId,
        actorUserId: userId,
        action: id ? 'sla_policy.update' : 'sla_policy.create',
        targetType: 'sla_policy',
        targetId: saved,
      });
      return saved;
    });
    return policyDto(
      await db.selectFrom('sla_policies').selectAll().where('id', '=', savedId).executeTakeFirstOrThrow(),
    );
  }

  app.post(
    '/routing/sla-policies',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['routing'],
        summary:
          'Create an SLA policy: ordered rules (channel, visibility, priority) with first/next response and resolution targets in ms',
        body: PolicyBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const policy = await upsertPolicy(
        principal.accountId,
        principal.userId,
        null,
        request.body as PolicyInput,
      );
      reply.status(201);
      return policy;
    },
  );

  app.put(
    '/routing/sla-policies/:id',
    { config: { access: 'supervisor' }, schema: { tags: ['routing'], params: IdParams, body: PolicyBody } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await requireRow('sla_policies', principal.accountId, id);
      return upsertPolicy(principal.accountId, principal.userId, id, request.body as PolicyInput);
    },
  );

  app.delete(
    '/routing/sla-policies/:id',
    { config: { access: 'admin' }, schema: { tags: ['routing'], params: IdParams } },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      await requireRow('sla_policies', principal.accountId, id);
      await db.deleteFrom('sla_policies').where('id', '=', id).execute();
      return { ok: true as const };
    },
  );
}
