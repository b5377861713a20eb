// The query string every analytics report takes, and its conversion into a ReportFilter.
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import {
  type AnalyticsSettings,
  DIMENSIONS,
  type Dimension,
  GRAINS,
  type Grain,
  loadAnalyticsSettings,
  type ReportFilter,
} from '../../analytics/index.ts';
import type { DB } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { Uuid } from '../schemas.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const ReportQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'Start of the range (inclusive), ISO 8601' }),
    to: Type.String({ format: 'date-time', description: 'End of the range (exclusive), ISO 8601' }),
    grain: Type.Optional(literals(GRAINS)),
    clock: Type.Optional(literals(['wall', 'business'] as const)),
    hours: Type.Optional(literals(['all', 'in', 'out'] as const)),
    channelId: Type.Optional(Uuid),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    visibility: Type.Optional(literals(['public', 'private'] as const)),
    teamId: Type.Optional(Uuid),
    agentId: Type.Optional(Uuid),
    labelId: Type.Optional(Uuid),
    intent: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    priority: Type.Optional(literals(['urgent', 'high', 'normal', 'low'] as const)),
    groupBy: Type.Optional(literals(DIMENSIONS)),
    format: Type.Optional(literals(['json', 'csv'] as const)),
  },
  { additionalProperties: false },
);
export interface ReportQueryInput {
  from: string;
  to: string;
  grain?: Grain;
  clock?: 'wall' | 'business';
  hours?: 'all' | 'in' | 'out';
  channelId?: string;
  provider?: string;
  visibility?: 'public' | 'private';
  teamId?: string;
  agentId?: string;
  labelId?: string;
  intent?: string;
  priority?: string;
  groupBy?: Dimension;
  format?: 'json' | 'csv';
}

const MAX_RANGE_DAYS = 400;
const MAX_BUCKETS = 20_000;
const GRAIN_MS = { '15m': 900_000, '30m': 1_800_000, '60m': 3_600_000, day: 86_400_000, week: 604_800_000 };

export async function filterFrom(
  db: Kysely<DB>,
  accountId: string,
  query: ReportQueryInput,
  now: Date,
): Promise<{ filter: ReportFilter; settings: AnalyticsSettings }> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw new AppError('bad_request', 'from and to must be ISO 8601 instants');
  if (to <= from) throw new AppError('bad_request', 'to must be after from');
  const span = to.getTime() - from.getTime();
  if (span > MAX_RANGE_DAYS * 86_400_000)
    throw new AppError('bad_request', `A report covers at most ${MAX_RANGE_DAYS} days`);
  const grain = query.grain ?? 'day';
  if (span / GRAIN_MS[grain] > MAX_BUCKETS)
    throw new AppError('bad_request', `Too many ${grain} buckets for this range; choose a coarser grain`);
  const account = await db
    .selectFrom('accounts')
    .select(['time_zone'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const settings = await loadAnalyticsSettings(db, accountId);
  const filter: ReportFilter = {
    accountId,
    timeZone: account.time_zone,
    from,
    to,
    grain,
    clock: query.clock ?? 'wall',
    hours: query.hours ?? 'all',
    fcrWindowDays: settings.fcrWindowDays,
    now,
    ...(query.channelId ? { channelId: query.channelId } : {}),
    ...(query.provider ? { provider: query.provider } : {}),
    ...(query.visibility ? { visibility: query.visibility } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.agentId ? { agentId: query.agentId } : {}),
    ...(query.labelId ? { labelId: query.labelId } : {}),
    ...(query.intent ? { intent: query.intent } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.groupBy ? { groupBy: query.groupBy } : {}),
  };
  return { filter, settings };
}

/** The filter as the client sent it, echoed in every JSON report. */
export function describeFilter(filter: ReportFilter) {
  const { accountId: _a, now: _n, from, to, ...rest } = filter;
  return { ...rest, from: from.toISOString(), to: to.toISOString() };
}
