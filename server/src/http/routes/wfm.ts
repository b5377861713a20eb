import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { AppError } from '../../errors/index.ts';
import { loadHistoryFromDb } from '../../wfm/history-db.ts';
import {
  type Channel,
  forecastSeries,
  planStaffing,
  reforecastIntraday,
  type SpecialDay,
  simulate,
  weeklyPeriod,
} from '../../wfm/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { accountZone, localNow, num, resolveHistory } from './wfm-history.ts';
import { scenarioRoutes } from './wfm-scenarios.ts';
import { scheduleRoute } from './wfm-schedule.ts';
import {
  ForecastBody,
  HistoryQuery,
  SimulateBody,
  StaffingBody,
  type StaffingChannel,
} from './wfm-schemas.ts';

const nums = (xs: readonly number[], digits = 3) => xs.map((x) => num(x, digits));

function toChannel(c: Static<typeof StaffingChannel>): Channel {
  if (c.kind === 'deferred') {
    if (c.responseSeconds === undefined)
      throw new AppError('bad_request', `channel ${c.name}: deferred work needs responseSeconds`);
    return {
      kind: 'deferred',
      name: c.name,
      volume: c.volume,
      handleSeconds: c.handleSeconds,
      responseSeconds: c.responseSeconds,
      ...(c.maxOccupancy !== undefined ? { maxOccupancy: c.maxOccupancy } : {}),
    };
  }
  if (c.serviceLevel === undefined || c.answerSeconds === undefined)
    throw new AppError(
      'bad_request',
      `channel ${c.name}: immediate work needs serviceLevel and answerSeconds`,
    );
  if (c.model === 'erlangA' && c.patienceSeconds === undefined)
    throw new AppError('bad_request', `channel ${c.name}: Erlang A needs patienceSeconds`);
  const concurrency = c.concurrency ?? 1;
  const factors = Object.fromEntries(
    Object.entries(c.concurrencyFactors ?? { 1: 1, 2: 1.3, 3: 1.75, 4: 2.3 }).map(([k, v]) => [Number(k), v]),
  );
  if (concurrency > 1 && factors[concurrency] === undefined)
    throw new AppError('bad_request', `channel ${c.name}: no concurrency factor for ${concurrency} chats`);
  const target = {
    serviceLevel: c.serviceLevel,
    answerSeconds: c.answerSeconds,
    ...(c.maxOccupancy !== undefined ? { maxOccupancy: c.maxOccupancy } : {}),
    ...(c.maxAbandonRate !== undefined ? { maxAbandonRate: c.maxAbandonRate } : {}),
  };
  return {
    kind: 'immediate',
    name: c.name,
    volume: c.volume,
    handleSeconds: c.handleSeconds,
    target,
    model: c.model ?? 'erlangC',
    ...(c.patienceSeconds !== undefined ? { patienceSeconds: c.patienceSeconds } : {}),
    ...(concurrency > 1 ? { concurrency, concurrencyFactors: factors } : {}),
  };
}

export async function wfmRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const access = { access: 'supervisor' as const };
  const tags = ['wfm'];

  app.get(
    '/wfm/history',
    {
      config: access,
      schema: {
        tags,
        summary: "Volumes and handle times per interval per channel from the account's own conversations",
        querystring: HistoryQuery,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as Static<typeof HistoryQuery>;
      const interval = q.interval ?? 30;
      const zone = await accountZone(db, principal.accountId);
      const { today } = localNow(ctx.clock(), zone, interval);
      const weeks = q.weeks ?? 8;
      const fromDate =
        DateTime.fromISO(today)
          .minus({ days: weeks * 7 })
          .toISODate() ?? today;
      const toDate = DateTime.fromISO(today).minus({ days: 1 }).toISODate() ?? today;
      const measure = q.measure ?? 'conversations';
      const secondsPerReply = q.secondsPerReply ?? 120;
      const h = await loadHistoryFromDb(db, {
        accountId: principal.accountId,
        zone,
        intervalMinutes: interval,
        fromDate,
        toDate,
        measure,
        secondsPerReply,
      });
      const shape = (b: typeof h.total) => ({
        volume: b.volume.values,
        meanHandleSeconds: nums(b.meanHandleSeconds.values, 1),
      });
      return {
        zone,
        interval,
        fromDate,
        toDate,
        measure,
        secondsPerReply,
        contacts: h.contacts,
        channels: h.channels.map((c) => ({ provider: c.provider, ...shape(c.history) })),
        total: shape(h.total),
      };
    },
  );

  app.post(
    '/wfm/forecast',
    {
      config: access,
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Forecast interval volumes up to six weeks ahead, with prediction intervals and a backtest report',
        body: ForecastBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as Static<typeof ForecastBody>;
      const interval = body.interval ?? 30;
      const history = await resolveHistory(db, {
        accountId: principal.accountId,
        now: ctx.clock(),
        interval,
        body: body.history,
      });
      const week = weeklyPeriod(history.series.calendar);
      if (history.series.values.length < 3 * week) {
        throw new AppError('bad_request', 'forecasting needs at least three weeks of history', {
          reason: 'insufficient_history',
          intervals: history.series.values.length,
        });
      }
      if (history.contacts < 3 * 7) {
        throw new AppError(
          'bad_request',
          `only ${history.contacts} contacts in the history: import a CSV or use the sample history`,
          { reason: 'insufficient_history', contacts: history.contacts },
        );
      }
      const specialDays: SpecialDay[] = (body.specialDays ?? []).map((d) => ({
        date: d.date,
        label: d.label,
        ...(d.multiplier !== undefined ? { multiplier: d.multiplier } : {}),
      }));
      let result: ReturnType<typeof forecastSeries>;
      try {
        result = forecastSeries(history.series, {
          horizon: (body.horizonWeeks ?? 2) * week,
          method: body.method ?? 'auto',
          specialDays,
          levels: body.levels ?? [0.8, 0.95],
        });
      } catch (error) {
        throw new AppError('bad_request', `cannot forecast this history: ${(error as Error).message}`);
      }
      const { forecast, backtest } = result;
      const perDay = history.series.calendar.intervalsPerDay;
      const intraday =
        forecast.startDate === history.today && history.actualsToday.length > 0
          ? reforecastIntraday({
              forecast: forecast.mean.slice(0, perDay),
              actualSoFar: history.actualsToday,
            })
          : null;
      const tail = history.series.values.slice(-Math.min(history.series.values.length, week));
      return {
        source: history.source,
        interval,
        zone: await accountZone(db, principal.accountId),
        historyContacts: history.contacts,
        meanHandleSeconds: history.meanHandleSeconds === null ? null : num(history.meanHandleSeconds, 1),
        recent: {
          startDate: DateTime.fromISO(forecast.startDate)
            .minus({ days: tail.length / perDay })
            .toISODate(),
          values: nums(tail),
        },
        forecast: {
          method: forecast.method,
          startDate: forecast.startDate,
          mean: nums(forecast.mean),
          intervals: forecast.intervals.map((p) => ({
            level: p.level,
            lower: nums(p.lower),
            upper: nums(p.upper),
          })),
          flagged: forecast.flagged,
        },
        actualsToday: history.actualsToday,
        intraday: intraday && {
          observed: intraday.observed,
          expected: num(intraday.expected),
          appliedRatio: num(intraday.appliedRatio, 4),
          reforecast: nums(intraday.reforecast),
        },
        backtest: {
          horizon: backtest.horizon,
          origins: backtest.origins.length,
          chosen: forecast.method,
          baseline: 'seasonal_naive',
          methods: backtest.methods.map((m) => ({
            method: m.method,
            mase: num(m.mase, 4),
            smapePct: num(m.smapePct, 2),
            wapePct: num(m.wapePct, 2),
          })),
        },
      };
    },
  );

  app.post(
    '/wfm/staffing',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Required agents per interval per channel and combined (Erlang C/A, concurrency, deferred work, shrinkage)',
        body: StaffingBody,
      },
    },
    async (request) => {
      const body = request.body as Static<typeof StaffingBody>;
      const plan = planStaffing(body.channels.map(toChannel), {
        intervalSeconds: body.interval * 60,
        shrinkage: body.shrinkage,
      });
      return {
        interval: body.interval,
        shrinkage: body.shrinkage,
        channels: plan.channels.map((c) => ({
          name: c.name,
          agents: c.agents,
          ...(c.serviceLevel ? { serviceLevel: nums(c.serviceLevel, 4) } : {}),
          ...(c.backlogSeconds ? { backlogSeconds: nums(c.backlogSeconds, 0) } : {}),
        })),
        productive: plan.productive,
        scheduled: plan.scheduled,
      };
    },
  );

  await scheduleRoute(app, ctx);

  app.post(
    '/wfm/simulate',
    {
      config: access,
      schema: {
        tags,
        summary: 'Discrete-event simulation of a staffing plan against forecast arrivals',
        body: SimulateBody,
      },
    },
    async (request) => {
      const body = request.body as Static<typeof SimulateBody>;
      if (body.agents.length !== body.expectedArrivals.length)
        throw new AppError('bad_request', 'agents and expectedArrivals must have the same length');
      const replications = body.replications ?? 10;
      const offered = body.expectedArrivals.reduce((s, v) => s + v, 0) * replications;
      if (offered > 500_000)
        throw new AppError(
          'bad_request',
          `too much to simulate in one request (${Math.round(offered)} contacts)`,
        );
      const concurrency = body.concurrency ?? 1;
      const factors = Object.fromEntries(
        Object.entries(body.concurrencyFactors ?? { 1: 1, 2: 1.3, 3: 1.75, 4: 2.3 }).map(([k, v]) => [
          Number(k),
          v,
        ]),
      );
      const result = simulate({
        intervalSeconds: body.interval * 60,
        intervals: body.expectedArrivals.map((expectedArrivals, i) => ({
          expectedArrivals,
          agents: Math.floor(body.agents[i] ?? 0),
        })),
        handle: { kind: 'exponential', meanSeconds: body.handleSeconds },
        ...(body.patienceSeconds !== undefined ? { patienceSeconds: body.patienceSeconds } : {}),
        ...(concurrency > 1 ? { concurrency: { slots: concurrency, factors } } : {}),
        answerSeconds: body.answerSeconds,
        ...(body.deadlineSeconds !== undefined ? { deadlineSeconds: body.deadlineSeconds } : {}),
        replications,
        seed: body.seed ?? 1,
      });
      const shape = (o: (typeof result.intervals)[number]) => ({
        offered: num(o.offered, 2),
        serviceLevel: num(o.serviceLevel, 4),
        asaSeconds: num(o.asaSeconds, 1),
        abandonRate: num(o.abandonRate, 4),
        ...(o.deadlineMet !== undefined ? { deadlineMet: num(o.deadlineMet, 4) } : {}),
      });
      return {
        replications,
        overall: shape(result.overall),
        serviceLevelStdError: num(result.serviceLevelStdError, 5),
        intervals: result.intervals.map(shape),
      };
    },
  );

  await scenarioRoutes(app, ctx);
}
