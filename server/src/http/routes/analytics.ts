import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  backlog,
  conversationMetrics,
  DISTRIBUTION_METRICS,
  type DistributionMetric,
  distribution,
  kpiBreakdown,
  timeSeries,
  toCsv,
  volumeHeatmap,
} from '../../analytics/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { describeFilter, filterFrom, ReportQuery, type ReportQueryInput } from './analytics-query.ts';

/** Answer JSON, or CSV of `rows` when the client asked for format=csv. */
function answer(reply: FastifyReply, query: ReportQueryInput, name: string, json: object, rows: object[]) {
  if (query.format !== 'csv') return json;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="parley-${name}-${query.from.slice(0, 10)}.csv"`)
    .send(toCsv(rows));
}

export async function analyticsRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const config = { access: 'supervisor' as const };
  const report = (summary: string) => ({ tags: ['analytics'], summary, querystring: ReportQuery });
  const filterOf = (request: { query: unknown }, accountId: string) =>
    filterFrom(db, accountId, request.query as ReportQueryInput, ctx.clock());

  app.get(
    '/analytics/summary',
    { config, schema: report('Every headline KPI for the range (docs/metrics.md)') },
    async (request, reply) => {
      const { filter, settings } = await filterOf(request, principalOf(request).accountId);
      const { groupBy: _ignored, ...whole } = filter;
      const [kpis] = await kpiBreakdown(db, whole, settings);
      const json = {
        filter: describeFilter(filter),
        kpis,
        costs: {
          currency: settings.currency,
          loadedHourlyCost: settings.loadedHourlyCost,
          referenceCosts: settings.referenceCosts,
        },
      };
      return answer(reply, request.query as ReportQueryInput, 'summary', json, kpis ? [kpis] : []);
    },
  );

  for (const [path, groupBy] of [
    ['breakdown', undefined],
    ['agents', 'agent'],
    ['teams', 'team'],
    ['channels', 'channel'],
  ] as const) {
    app.get(
      `/analytics/${path}`,
      {
        config,
        schema: report(
          groupBy
            ? `KPIs per ${groupBy}, with productivity and cost per contact`
            : 'KPIs per value of groupBy (channel, visibility, team, agent, label, intent, priority)',
        ),
      },
      async (request, reply) => {
        const base = await filterOf(request, principalOf(request).accountId);
        const filter = groupBy ? { ...base.filter, groupBy } : base.filter;
        const rows = await kpiBreakdown(db, filter, base.settings);
        const json = {
          filter: describeFilter(filter),
          rows,
          costs: {
            currency: base.settings.currency,
            loadedHourlyCost: base.settings.loadedHourlyCost,
            referenceCosts: base.settings.referenceCosts,
          },
        };
        return answer(reply, request.query as ReportQueryInput, path, json, rows);
      },
    );
  }

  app.get(
    '/analytics/timeseries',
    {
      config,
      schema: report('KPIs per time bucket (grain 15m, 30m, 60m, day, week) in the account time zone'),
    },
    async (request, reply) => {
      const { filter } = await filterOf(request, principalOf(request).accountId);
      const points = await timeSeries(db, filter);
      return answer(
        reply,
        request.query as ReportQueryInput,
        'timeseries',
        { filter: describeFilter(filter), points },
        points,
      );
    },
  );

  app.get(
    '/analytics/heatmap',
    { config, schema: report('Inbound volume by local weekday (1 = Monday) and hour') },
    async (request, reply) => {
      const { filter } = await filterOf(request, principalOf(request).accountId);
      const cells = await volumeHeatmap(db, filter);
      return answer(
        reply,
        request.query as ReportQueryInput,
        'heatmap',
        { filter: describeFilter(filter), cells },
        cells,
      );
    },
  );

  app.get(
    '/analytics/backlog',
    { config, schema: report('Open cases and the age of the oldest at the end of each bucket') },
    async (request, reply) => {
      const { filter } = await filterOf(request, principalOf(request).accountId);
      const points = await backlog(db, filter);
      return answer(
        reply,
        request.query as ReportQueryInput,
        'backlog',
        { filter: describeFilter(filter), points },
        points,
      );
    },
  );

  app.get(
    '/analytics/distribution',
    {
      config,
      schema: {
        tags: ['analytics'],
        summary:
          'How first response, next response, resolution or assignment times (or CSAT scores) are spread',
        querystring: Type.Composite(
          [
            ReportQuery,
            Type.Object({ metric: Type.Union(DISTRIBUTION_METRICS.map((m) => Type.Literal(m))) }),
          ],
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const query = request.query as ReportQueryInput & { metric: DistributionMetric };
      const { metric: _metric, ...rest } = query;
      const { filter } = await filterFrom(db, principalOf(request).accountId, rest, ctx.clock());
      const bands = await distribution(db, filter, query.metric);
      return answer(
        reply,
        query,
        `distribution-${query.metric}`,
        { filter: describeFilter(filter), metric: query.metric, bands },
        bands,
      );
    },
  );

  app.get(
    '/analytics/conversations',
    {
      config,
      schema: report('Every case that started in the range, with its metrics (format=csv to export)'),
    },
    async (request, reply) => {
      const { filter } = await filterOf(request, principalOf(request).accountId);
      const items = await conversationMetrics(db, filter);
      return answer(
        reply,
        request.query as ReportQueryInput,
        'conversations',
        { filter: describeFilter(filter), items },
        items,
      );
    },
  );
}
