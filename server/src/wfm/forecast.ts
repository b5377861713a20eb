import { type BacktestReport, type MethodBacktest, rollingOriginBacktest } from './backtest.ts';
import {
  type Forecaster,
  type ForecastMethodName,
  profileSmoothing,
  seasonalNaive,
} from './forecast-methods.ts';
import { doubleSeasonalHoltWinters } from './holt-winters.ts';
import {
  type IntervalSeries,
  isoWeekday,
  nextOperatingDate,
  operatingDaysBetween,
  seriesDates,
  weeklyPeriod,
} from './series.ts';

export const forecastMethods: Record<ForecastMethodName, Forecaster> = {
  seasonal_naive: seasonalNaive,
  profile_smoothing: (h, n) => profileSmoothing(h, n),
  double_seasonal_hw: (h, n) => doubleSeasonalHoltWinters(h, n),
};

/** A holiday or special day: excluded from fitting, flagged in forecasts, optionally scaled. */
export interface SpecialDay {
  date: string;
  label: string;
  /** Multiplier applied to the forecast of that day (e.g. 0.4 for a half-closed holiday); default 1. */
  multiplier?: number;
}

/** Mark special days as missing so no method learns from them. */
export function excludeSpecialDays(
  series: IntervalSeries,
  specialDays: readonly SpecialDay[],
): IntervalSeries {
  const dates = seriesDates(series);
  const special = new Set(specialDays.map((d) => d.date));
  const m = series.calendar.intervalsPerDay;
  const values = series.values.map((v, i) => (special.has(dates[Math.floor(i / m)] ?? '') ? Number.NaN : v));
  return { ...series, values };
}

export interface PredictionInterval {
  level: number;
  lower: number[];
  upper: number[];
}

export interface Forecast {
  method: string;
  /** First operating day forecast (the day after the history ends). */
  startDate: string;
  mean: number[];
  intervals: PredictionInterval[];
  /** Special days falling in the horizon, with the multiplier applied. */
  flagged: SpecialDay[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/**
 * Prediction intervals from backtest residuals, standardised by √max(ŷ,1) because count noise grows
 * with the level (Poisson-like): bounds are ŷ + q·√ŷ with q the empirical residual quantiles.
 */
export function residualIntervals(
  mean: number[],
  pairs: MethodBacktest['pairs'],
  levels: number[],
): PredictionInterval[] {
  const z = pairs
    .map((p) => (p.actual - p.forecast) / Math.sqrt(Math.max(p.forecast, 1)))
    .sort((a, b) => a - b);
  return levels.map((level) => {
    const ql = quantile(z, (1 - level) / 2);
    const qu = quantile(z, (1 + level) / 2);
    return {
      level,
      lower: mean.map((f) => Math.max(0, f + ql * Math.sqrt(Math.max(f, 1)))),
      upper: mean.map((f) => Math.max(0, f + qu * Math.sqrt(Math.max(f, 1)))),
    };
  });
}

export interface ForecastOptions {
  /** Intervals ahead (≤ 6 weeks is the supported range). */
  horizon: number;
  /** `auto` picks the lowest backtest MASE. */
  method?: ForecastMethodName | 'auto';
  specialDays?: SpecialDay[];
  /** Backtest origins used for the choice and the intervals (default 4, one week apart). */
  backtestOrigins?: number;
  /** Backtest horizon; default one week. */
  backtestHorizon?: number;
  levels?: number[];
  onProgress?: (done: number, total: number) => void;
}

export interface ForecastResult {
  forecast: Forecast;
  backtest: BacktestReport;
}

/** Share of observed (non-missing) intervals with no arrivals. */
export function zeroShare(series: IntervalSeries): number {
  let zeros = 0;
  let seen = 0;
  for (const v of series.values) {
    if (Number.isNaN(v)) continue;
    seen++;
    if (v === 0) zeros++;
  }
  return seen > 0 ? zeros / seen : 1;
}

/**
 * Methods `auto` compares. Multiplicative Holt-Winters divides by its seasonal indices, which
 * collapse towards zero on sparse series (a small desk at 15–30 minutes) and make it explode, so it
 * is left out when more than half of the observed intervals are empty; it can still be asked for by name.
 */
export function autoCandidates(series: IntervalSeries): Partial<typeof forecastMethods> {
  if (zeroShare(series) <= 0.5) return forecastMethods;
  const { double_seasonal_hw: _sparse, ...rest } = forecastMethods;
  return rest;
}

/** Fit, choose (by rolling-origin backtest) and forecast, with intervals and special days handled. */
export function forecastSeries(series: IntervalSeries, options: ForecastOptions): ForecastResult {
  const specialDays = options.specialDays ?? [];
  const clean = excludeSpecialDays(series, specialDays);
  const chosen = options.method ?? 'auto';
  const candidates =
    chosen === 'auto'
      ? autoCandidates(clean)
      : { [chosen]: forecastMethods[chosen], seasonal_naive: seasonalNaive };
  const week = weeklyPeriod(series.calendar);
  const backtestHorizon = options.backtestHorizon ?? week;
  // Use as many weekly origins as the history allows (each needs two weeks of fitting data).
  const feasibleOrigins = Math.floor((series.values.length - backtestHorizon - 2 * week) / week) + 1;
  if (feasibleOrigins < 1)
    throw new Error('forecasting needs at least two weeks of history plus the backtest horizon');
  const backtest = rollingOriginBacktest(clean, candidates, {
    horizon: backtestHorizon,
    origins: Math.min(options.backtestOrigins ?? 4, feasibleOrigins),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const best =
    chosen === 'auto'
      ? backtest.methods.reduce((a, b) => (b.mase < a.mase ? b : a))
      : (backtest.methods.find((m) => m.method === chosen) ?? backtest.methods[0]);
  if (!best) throw new Error('no forecasting method ran');
  const method = forecastMethods[best.method as ForecastMethodName];
  let mean = method(clean, options.horizon);
  const m = series.calendar.intervalsPerDay;
  const dates = seriesDates(series);
  const startDate = nextOperatingDate(series.calendar, dates[dates.length - 1] ?? series.startDate);
  const flagged: SpecialDay[] = [];
  for (const day of specialDays) {
    if (day.date < startDate || !series.calendar.operatingWeekdays.includes(isoWeekday(day.date))) continue;
    const offset = operatingDaysBetween(series.calendar, startDate, day.date);
    if (offset * m >= options.horizon) continue;
    flagged.push(day);
    const k = day.multiplier ?? 1;
    mean = mean.map((v, i) => (Math.floor(i / m) === offset ? v * k : v));
  }
  return {
    forecast: {
      method: best.method,
      startDate,
      mean,
      intervals: residualIntervals(mean, best.pairs, options.levels ?? [0.8, 0.95]),
      flagged,
    },
    backtest,
  };
}
