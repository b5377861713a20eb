import { type Forecaster, seasonalNaive } from './forecast-methods.ts';
import { type IntervalSeries, weeklyPeriod } from './series.ts';

export interface AccuracyMetrics {
  /** Mean absolute scaled error, scaled by the in-sample weekly seasonal-naive MAE (Hyndman & Koehler 2006). */
  mase: number;
  /** Symmetric MAPE in percent: mean of 200·|e| / (|y| + |ŷ|). */
  smapePct: number;
  /** Weighted APE in percent: Σ|e| / Σ|y|. */
  wapePct: number;
}

export interface MethodBacktest extends AccuracyMetrics {
  method: string;
  perOrigin: AccuracyMetrics[];
  /** (actual, forecast) pairs from every origin, for prediction intervals. */
  pairs: { actual: number; forecast: number }[];
}

export interface BacktestReport {
  horizon: number;
  origins: number[];
  methods: MethodBacktest[];
}

/** In-sample MAE of the weekly seasonal naive, skipping missing pairs. */
export function seasonalNaiveScale(history: IntervalSeries): number {
  const m = weeklyPeriod(history.calendar);
  let sum = 0;
  let count = 0;
  for (let t = m; t < history.values.length; t++) {
    const a = history.values[t] ?? Number.NaN;
    const b = history.values[t - m] ?? Number.NaN;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sum += Math.abs(a - b);
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

export function accuracy(actual: number[], forecast: number[], scale: number): AccuracyMetrics {
  let abs = 0;
  let smape = 0;
  let smapeCount = 0;
  let total = 0;
  let count = 0;
  actual.forEach((y, i) => {
    const f = forecast[i] ?? Number.NaN;
    if (Number.isNaN(y) || Number.isNaN(f)) return;
    const e = Math.abs(y - f);
    abs += e;
    total += Math.abs(y);
    count++;
    if (Math.abs(y) + Math.abs(f) > 0) {
      smape += (200 * e) / (Math.abs(y) + Math.abs(f));
      smapeCount++;
    }
  });
  return {
    mase: abs / count / scale,
    smapePct: smapeCount > 0 ? smape / smapeCount : 0,
    wapePct: total > 0 ? (100 * abs) / total : Number.NaN,
  };
}

export interface BacktestOptions {
  /** Intervals ahead, a whole number of days. */
  horizon: number;
  /** Number of forecast origins, the last one ending at the end of the series. */
  origins: number;
  /** Intervals between origins; default one week. */
  step?: number;
  /** Keep this many intervals at the end unused (to hold out a test period). */
  holdOut?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Rolling-origin evaluation: refit each method at every origin on all data before it and score
 * the next `horizon` intervals. Missing actuals (gaps, holidays) are not scored.
 */
export function rollingOriginBacktest(
  series: IntervalSeries,
  methods: Record<string, Forecaster>,
  options: BacktestOptions,
): BacktestReport {
  const step = options.step ?? weeklyPeriod(series.calendar);
  const end = series.values.length - (options.holdOut ?? 0);
  const origins = Array.from(
    { length: options.origins },
    (_, k) => end - options.horizon - (options.origins - 1 - k) * step,
  );
  if ((origins[0] ?? 0) < 2 * weeklyPeriod(series.calendar))
    throw new Error('not enough history for the backtest');
  const names = Object.keys(methods);
  const results = new Map(
    names.map((n) => [n, { perOrigin: [] as AccuracyMetrics[], pairs: [] as MethodBacktest['pairs'] }]),
  );
  let done = 0;
  for (const origin of origins) {
    const history: IntervalSeries = { ...series, values: series.values.slice(0, origin) };
    const actual = series.values.slice(origin, origin + options.horizon);
    const scale = seasonalNaiveScale(history);
    for (const name of names) {
      const forecast = (methods[name] ?? seasonalNaive)(history, options.horizon);
      const r = results.get(name);
      r?.perOrigin.push(accuracy(actual, forecast, scale));
      actual.forEach((y, i) => {
        const f = forecast[i] ?? Number.NaN;
        if (!Number.isNaN(y) && !Number.isNaN(f)) r?.pairs.push({ actual: y, forecast: f });
      });
      options.onProgress?.(++done, origins.length * names.length);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    horizon: options.horizon,
    origins,
    methods: names.map((method) => {
      const r = results.get(method) ?? { perOrigin: [], pairs: [] };
      return {
        method,
        mase: mean(r.perOrigin.map((m) => m.mase)),
        smapePct: mean(r.perOrigin.map((m) => m.smapePct)),
        wapePct: mean(r.perOrigin.map((m) => m.wapePct)),
        perOrigin: r.perOrigin,
        pairs: r.pairs,
      };
    }),
  };
}
