import { type CountHistory, HOURS_PER_WEEK } from './count-history.ts';

export type BaselineMethod = 'same_hour_of_week' | 'same_hour_recent_days';

export interface HourBaseline {
  /** Robust expected count for the hour (median of comparable past hours). */
  expected: number;
  /** Robust spread of those hours (1.4826 × MAD). */
  spread: number;
  method: BaselineMethod;
  periods: number;
}

export interface BaselineOptions {
  /** Weeks of history to use for the same hour of week. */
  weeks: number;
  /** Fewer full weeks than this: also use the same hour on the previous six days. */
  minWeeks: number;
  minDays: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Expected count for absolute hour `hour`: the median of the same hour of week in previous weeks,
 * so one past incident does not inflate it. With fewer than `minWeeks` weeks (a median of two is no
 * defence against an outlier) the same hour on the previous six days joins in. Undefined while the
 * monitor is still warming up.
 */
export function hourBaseline(
  history: CountHistory,
  hour: number,
  firstFullHour: number,
  options: BaselineOptions,
): HourBaseline | undefined {
  const pick = (step: number, periods: number): number[] => {
    const values: number[] = [];
    for (let k = 1; k <= periods; k++) {
      const past = hour - k * step;
      if (past < firstFullHour) break;
      values.push(history.hourCount(past));
    }
    return values;
  };
  let values = pick(HOURS_PER_WEEK, options.weeks);
  let method: BaselineMethod = 'same_hour_of_week';
  if (values.length < options.minWeeks) {
    values = [...values, ...pick(24, 6)];
    method = 'same_hour_recent_days';
    if (values.length < options.minDays) return undefined;
  }
  const expected = median(values);
  const spread = 1.4826 * median(values.map((v) => Math.abs(v - expected)));
  return { expected, spread, method, periods: values.length };
}

/**
 * Expected count and spread for the `minutes` minutes before `endMinute`, interpolating the hourly
 * baselines between hour midpoints so a window on a morning ramp is not compared with a flat hour.
 */
export function windowBaseline(
  baselineForHour: (hour: number) => HourBaseline | undefined,
  endMinute: number,
  minutes: number,
): HourBaseline | undefined {
  let expected = 0;
  let spread = 0;
  let first: HourBaseline | undefined;
  for (let minute = endMinute - minutes; minute < endMinute; minute++) {
    const position = (minute + 0.5) / 60 - 0.5; // hour midpoints sit at integer positions
    const lowerHour = Math.floor(position);
    const lower = baselineForHour(lowerHour);
    const upper = baselineForHour(lowerHour + 1) ?? lower;
    if (!lower || !upper) return undefined;
    first ??= lower;
    const weight = position - lowerHour;
    expected += (lower.expected * (1 - weight) + upper.expected * weight) / 60;
    spread += (lower.spread * (1 - weight) + upper.spread * weight) / 60;
  }
  if (!first) return undefined;
  return { expected, spread, method: first.method, periods: first.periods };
}

/** Memoises hourBaseline per hour: past weeks do not change while the current hour is evaluated. */
export function cachedHourBaseline(
  history: CountHistory,
  firstFullHour: number,
  options: BaselineOptions,
): (hour: number) => HourBaseline | undefined {
  const cache = new Map<number, HourBaseline | undefined>();
  return (hour) => {
    if (cache.has(hour)) return cache.get(hour);
    if (cache.size > 64) cache.clear();
    const baseline = hourBaseline(history, hour, firstFullHour, options);
    cache.set(hour, baseline);
    return baseline;
  };
}
