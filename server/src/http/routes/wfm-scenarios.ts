import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';
import { ScenarioBody } from './wfm-schemas.ts';

/** Saved what-if settings per account (`wfm_scenarios`). */
export async function scenarioRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const access = { access: 'supervisor' as const };
  const tags = ['wfm'];
  const scenarioShape = (r: {
    id: string;
    name: string;
    settings: Record<string, unknown>;
    updated_at: Date;
  }) => ({
    id: r.id,
    name: r.name,
    settings: r.settings,
    updatedAt: r.updated_at.toISOString(),
  });

  app.get(
    '/wfm/scenarios',
    { config: access, schema: { tags, summary: 'Saved what-if scenarios of the account' } },
    async (request) => {
      const rows = await db
        .selectFrom('wfm_scenarios')
        .select(['id', 'name', 'settings', 'updated_at'])
        .where('account_id', '=', principalOf(request).accountId)
        .orderBy('name')
        .execute();
      return { items: rows.map(scenarioShape) };
    },
  );

  app.put(
    '/wfm/scenarios',
    {
      config: access,
      schema: { tags, summary: 'Save (create or replace by name) a what-if scenario', body: ScenarioBody },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as Static<typeof ScenarioBody>;
      const now = ctx.clock();
      const row = await db
        .insertInto('wfm_scenarios')
        .values({
          account_id: principal.accountId,
          name: body.name,
          settings: JSON.stringify(body.settings),
          created_by_user_id: principal.userId,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'name'])
            .doUpdateSet({ settings: JSON.stringify(body.settings), updated_at: now }),
        )
        .returning(['id', 'name', 'settings', 'updated_at'])
        .executeTakeFirstOrThrow();
      return scenarioShape(row);
    },
  );

  app.delete(
    '/wfm/scenarios/:id',
    {
      config: access,
      schema: { tags, summary: 'Delete a saved what-if scenario', params: IdParams },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new AppError('not_found', 'scenario not found');
      const result = await db
        .deleteFrom('wfm_scenarios')
        .where('id', '=', id)
        .where('account_id', '=', principalOf(request).accountId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', 'scenario not found');
      return { ok: true };
    },
  );
}
