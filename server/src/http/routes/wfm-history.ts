import type { Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { loadHistoryFromDb } from '../../wfm/history-db.ts';
import {
  aggregateIntervals,
  bucketContacts,
  calendar24x7,
  type IntervalSeries,
  parseContactsCsv,
  parseIntervalCountsCsv,
} from '../../wfm/index.ts';
import { sampleHistory } from '../../wfm/sample-history.ts';
import type { HistorySource } from './wfm-schemas.ts';

export interface ResolvedHistory {
  source: 'db' | 'csv' | 'sample';
  series: IntervalSeries;
  /** Today's actual volume for the elapsed intervals (db and sample sources), for intraday. */
  actualsToday: number[];
  /** Mean handle seconds over the history, when the source carries handle times. */
  meanHandleSeconds: number | null;
  contacts: number;
  /** Local date and interval index of "now" in the account's zone. */
  today: string;
  nowInterval: number;
}

/** JSON has no NaN or Infinity: non-finite numbers become null, others are rounded. */
export function num(x: number, digits = 3): number | null {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export async function accountZone(db: Kysely<DB>, accountId: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('time_zone')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

export function localNow(now: Date, zone: string, interval: number) {
  const local = DateTime.fromJSDate(now, { zone });
  return {
    today: local.toISODate() ?? '1970-01-01',
    nowInterval: Math.floor((local.hour * 60 + local.minute) / interval),
  };
}

function meanHandle(volume: number[], handle: number[]): number | null {
  let sum = 0;
  let count = 0;
  handle.forEach((h, i) => {
    if (Number.isFinite(h)) {
      sum += h * (volume[i] ?? 0);
      count += volume[i] ?? 0;
    }
  });
  return count > 0 ? sum / count : null;
}

function fromCsv(body: Static<typeof HistorySource>, interval: number, zone: string): IntervalSeries {
  if (!body.csv) throw new AppError('bad_request', 'history.csv is required when history.source is "csv"');
  try {
    if (body.csvFormat === 'contacts') {
      return bucketContacts(parseContactsCsv(body.csv), calendar24x7(interval), { zone }).volume;
    }
    const grain = body.csvIntervalMinutes ?? interval;
    if (interval % grain !== 0) {
      throw new AppError(
        'bad_request',
        `csvIntervalMinutes ${grain} does not divide the interval ${interval}`,
      );
    }
    const series = parseIntervalCountsCsv(body.csv, calendar24x7(grain));
    return grain < interval ? aggregateIntervals(series, interval / grain) : series;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', `CSV not understood: ${(error as Error).message}`);
  }
}

/** The interval history a forecast starts from: the account's conversations, an uploaded CSV, or a labelled sample. */
export async function resolveHistory(
  db: Kysely<DB>,
  input: { accountId: string; now: Date; interval: 15 | 30 | 60; body: Static<typeof HistorySource> },
): Promise<ResolvedHistory> {
  const { body, interval } = input;
  const zone = await accountZone(db, input.accountId);
  const { today, nowInterval } = localNow(input.now, zone, interval);
  const weeks = body.weeks ?? 8;
  const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate() ?? today;
  if (body.source === 'db') {
    const common = {
      accountId: input.accountId,
      zone,
      intervalMinutes: interval,
      measure: body.measure ?? 'conversations',
      secondsPerReply: body.secondsPerReply ?? 120,
    } as const;
    const fromDate =
      DateTime.fromISO(today)
        .minus({ days: weeks * 7 })
        .toISODate() ?? today;
    const past = await loadHistoryFromDb(db, { ...common, fromDate, toDate: yesterday });
    const now = await loadHistoryFromDb(db, { ...common, fromDate: today, toDate: today });
    // One provider's history, or all channels together; a provider with nothing is all zeros.
    const pick = (h: typeof past) =>
      body.provider ? h.channels.find((c) => c.provider === body.provider)?.history : h.total;
    const history = pick(past);
    const zeros = past.total.volume.values.map(() => 0);
    const series = history ? history.volume : { ...past.total.volume, values: zeros };
    const todayValues = pick(now)?.volume.values ?? now.total.volume.values.map(() => 0);
    return {
      source: 'db',
      series,
      actualsToday: todayValues.slice(0, nowInterval),
      meanHandleSeconds: history ? meanHandle(history.volume.values, history.meanHandleSeconds.values) : null,
      contacts: series.values.reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0),
      today,
      nowInterval,
    };
  }
  if (body.source === 'csv') {
    const series = fromCsv(body, interval, zone);
    return {
      source: 'csv',
      series,
      actualsToday: [],
      meanHandleSeconds: null,
      contacts: series.values.reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0),
      today,
      nowInterval,
    };
  }
  // A sample history that runs through today: today's elapsed intervals play the actuals so far.
  const sample = sampleHistory({ intervalMinutes: interval, weeks, endDate: today, seed: 11 });
  const perDay = sample.calendar.intervalsPerDay;
  const past = sample.values.slice(0, sample.values.length - perDay);
  const series = { ...sample, values: past };
  return {
    source: 'sample',
    series,
    actualsToday: sample.values.slice(
      sample.values.length - perDay,
      sample.values.length - perDay + nowInterval,
    ),
    meanHandleSeconds: null,
    contacts: series.values.reduce((s, v) => s + v, 0),
    today,
    nowInterval,
  };
}
