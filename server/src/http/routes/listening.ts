import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import {
  convertMentionToCase,
  createMonitor,
  deleteMonitor,
  listeningTrends,
  listMentions,
  listMonitors,
  toAlertDto,
  updateMonitor,
  validateQuery,
} from '../../listening/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';
import {
  AlertQuery,
  MentionQuery,
  MonitorBody,
  MonitorPatch,
  TrendsQuerySchema,
  ValidateBody,
} from './listening-schemas.ts';

const BUCKET_MS = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
const MAX_TREND_RANGE_MS = 92 * 86_400_000;

function monitorIdOrMissing(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (!isUuid(id)) throw new AppError('not_found', 'Monitor not found');
  return id;
}

/** Social listening: monitors, the mention stream, cases from mentions, alerts, trends. */
export async function listeningRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const tags = ['listening'];

  app.get(
    '/listening/monitors',
    { config: { access: 'agent' }, schema: { tags, summary: 'Monitors of the account' } },
    async (request) => ({
      items: await listMonitors(db, principalOf(request).accountId),
    }),
  );

  app.post(
    '/listening/monitors/validate',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Check a monitor query; errors point at a character', body: ValidateBody },
    },
    async (request) => {
      const result = validateQuery((request.body as Static<typeof ValidateBody>).query);
      return result.ok ? { ok: true } : { ok: false, error: result.error };
    },
  );

  app.post(
    '/listening/monitors',
    { config: { access: 'supervisor' }, schema: { tags, summary: 'Create a monitor', body: MonitorBody } },
    async (request, reply) => {
      const monitor = await createMonitor(
        db,
        principalOf(request).accountId,
        request.body as Static<typeof MonitorBody>,
        ctx.clock(),
      );
      return reply.status(201).send(monitor);
    },
  );

  app.patch(
    '/listening/monitors/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags, summary: 'Change a monitor', params: IdParams, body: MonitorPatch },
    },
    async (request) => {
      const id = monitorIdOrMissing((request.params as { id: string }).id) as string;
      return updateMonitor(
        db,
        principalOf(request).accountId,
        id,
        request.body as Static<typeof MonitorPatch>,
        ctx.clock(),
      );
    },
  );

  app.delete(
    '/listening/monitors/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags, summary: 'Delete a monitor (its mention links and alerts go too)', params: IdParams },
    },
    async (request) => {
      const id = monitorIdOrMissing((request.params as { id: string }).id) as string;
      await deleteMonitor(db, principalOf(request).accountId, id);
      return { ok: true };
    },
  );

  app.get(
    '/listening/mentions',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Mention stream, newest first, with filters', querystring: MentionQuery },
    },
    async (request) => {
      const q = request.query as Static<typeof MentionQuery>;
      const monitorId = monitorIdOrMissing(q.monitorId);
      return listMentions(db, principalOf(request).accountId, {
        ...(monitorId ? { monitorId } : {}),
        ...(q.sentiment ? { sentiment: q.sentiment } : {}),
        ...(q.intent ? { intent: q.intent } : {}),
        ...(q.actionable !== undefined ? { isActionable: q.actionable } : {}),
        ...(q.converted !== undefined ? { isConverted: q.converted } : {}),
        ...(q.minReach !== undefined ? { minReach: q.minReach } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
    },
  );

  app.post(
    '/listening/mentions/:id/case',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Make a mention a case in the source channel inbox', params: IdParams },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new AppError('not_found', 'Mention not found');
      const result = await db.transaction().execute(async (trx) => {
        const converted = await convertMentionToCase(trx, {
          accountId: principal.accountId,
          mentionId: id,
          now: ctx.clock(),
          reopenWindowDays: ctx.config.REOPEN_WINDOW_DAYS,
          by: `user:${principal.userId}`,
        });
        await appendRealtimeEvents(trx, converted.events);
        return converted;
      });
      ctx.hub.announce();
      return { conversationId: result.conversationId, messageId: result.messageId, isNew: result.isNew };
    },
  );

  app.get(
    '/listening/alerts',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Alert history, newest first', querystring: AlertQuery },
    },
    async (request) => {
      const q = request.query as Static<typeof AlertQuery>;
      const accountId = principalOf(request).accountId;
      const monitorId = monitorIdOrMissing(q.monitorId);
      let query = db
        .selectFrom('listening_alerts as a')
        .innerJoin('listening_monitors as mo', 'mo.id', 'a.monitor_id')
        .selectAll('a')
        .select('mo.name as monitor_name')
        .where('a.account_id', '=', accountId);
      if (monitorId) query = query.where('a.monitor_id', '=', monitorId);
      if (q.status) query = query.where('a.status', '=', q.status);
      const rows = await query
        .orderBy('a.opened_at', 'desc')
        .limit(q.limit ?? 50)
        .execute();
      return { items: rows.map((r) => toAlertDto(r, r.monitor_name)) };
    },
  );

  app.get(
    '/listening/trends',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Volume, sentiment, terms, clusters, share of voice',
        querystring: TrendsQuerySchema,
      },
    },
    async (request) => {
      const q = request.query as Static<typeof TrendsQuerySchema>;
      const to = q.to ? new Date(q.to) : ctx.clock();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
      if (!(from < to) || to.getTime() - from.getTime() > MAX_TREND_RANGE_MS) {
        throw new AppError('validation_failed', 'from must be before to, at most 92 days apart');
      }
      const bucketMs = BUCKET_MS[q.bucket ?? (to.getTime() - from.getTime() > 3 * 86_400_000 ? '1h' : '15m')];
      if ((to.getTime() - from.getTime()) / bucketMs > 2000) {
        throw new AppError(
          'validation_failed',
          'Too many buckets: choose a larger bucket or a shorter range',
        );
      }
      const monitorId = monitorIdOrMissing(q.monitorId);
      return listeningTrends(db, principalOf(request).accountId, {
        from,
        to,
        bucketMs,
        ...(monitorId ? { monitorId } : {}),
      });
    },
  );
}
