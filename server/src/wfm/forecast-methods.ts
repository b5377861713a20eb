import { logistic, logit, nelderMead } from './optimize.ts';
import { type IntervalSeries, weeklyPeriod } from './series.ts';

/** A forecasting method: fit on history (NaN = missing/excluded) and predict the next `horizon` intervals. */
export type ForecastMethodName = 'seasonal_naive' | 'profile_smoothing' | 'double_seasonal_hw';

export type Forecaster = (history: IntervalSeries, horizon: number) => number[];

/** Same interval last week; if last week's value is missing, the week before, and so on. */
export function seasonalNaive(history: IntervalSeries, horizon: number): number[] {
  const week = weeklyPeriod(history.calendar);
  const day = history.calendar.intervalsPerDay;
  const n = history.values.length;
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    let value = Number.NaN;
    for (
      let back = n + h - week * Math.ceil((h + 1) / week);
      back >= 0 && Number.isNaN(value);
      back -= week
    ) {
      value = history.values[back] ?? Number.NaN;
    }
    // Fall back to the latest same interval of any day when no week has it.
    for (let back = n - day + (h % day); back >= 0 && Number.isNaN(value); back -= day) {
      value = history.values[back] ?? Number.NaN;
    }
    out.push(Number.isNaN(value) ? 0 : value);
  }
  return out;
}

function dailyTotals(history: IntervalSeries): number[] {
  const m = history.calendar.intervalsPerDay;
  const days = Math.floor(history.values.length / m);
  return Array.from({ length: days }, (_, d) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += history.values[d * m + i] ?? Number.NaN;
    return sum;
  });
}

/** Multiplicative day-of-week exponential smoothing on daily totals; returns one-step SSE or forecasts. */
function smoothDaily(totals: number[], daysPerWeek: number, alpha: number, gamma: number, ahead: number) {
  const firstWeek = totals.slice(0, daysPerWeek).filter((v) => !Number.isNaN(v));
  let level = firstWeek.reduce((a, b) => a + b, 0) / Math.max(1, firstWeek.length);
  const index = Array.from({ length: daysPerWeek }, (_, p) => {
    const v = totals[p] ?? Number.NaN;
    return Number.isNaN(v) || level <= 0 ? 1 : v / level;
  });
  let sse = 0;
  for (let d = daysPerWeek; d < totals.length; d++) {
    const y = totals[d] ?? Number.NaN;
    const p = d % daysPerWeek;
    const s = index[p] ?? 1;
    if (Number.isNaN(y)) continue;
    sse += (y - level * s) ** 2;
    const newLevel = alpha * (y / s) + (1 - alpha) * level;
    index[p] = gamma * (y / Math.max(newLevel, 1e-9)) + (1 - gamma) * s;
    level = newLevel;
  }
  const forecasts = Array.from(
    { length: ahead },
    (_, k) => level * (index[(totals.length + k) % daysPerWeek] ?? 1),
  );
  return { sse, forecasts };
}

/**
 * Intraday profile × daily volume: daily totals by exponential smoothing with day-of-week
 * indices (parameters by least squares), split into intervals by the mean intraday shape of the
 * same weekday over the last `profileWeeks` weeks.
 */
export function profileSmoothing(history: IntervalSeries, horizon: number, profileWeeks = 6): number[] {
  const m = history.calendar.intervalsPerDay;
  const dpw = history.calendar.operatingWeekdays.length;
  const totals = dailyTotals(history);
  const fit = nelderMead(
    ([a, g]) => smoothDaily(totals, dpw, logistic(a ?? 0), logistic(g ?? 0), 0).sse,
    [logit(0.2), logit(0.1)],
    { maxEvaluations: 120 },
  );
  const aheadDays = Math.ceil(horizon / m);
  const daily = smoothDaily(
    totals,
    dpw,
    logistic(fit.x[0] ?? 0),
    logistic(fit.x[1] ?? 0),
    aheadDays,
  ).forecasts;
  const profiles = Array.from({ length: dpw }, () => new Array<number>(m).fill(0));
  const weightSums = new Array<number>(dpw).fill(0);
  for (let d = totals.length - 1; d >= 0 && d >= totals.length - profileWeeks * dpw; d--) {
    const total = totals[d] ?? Number.NaN;
    if (Number.isNaN(total) || total <= 0) continue;
    const p = d % dpw;
    weightSums[p] = (weightSums[p] ?? 0) + 1;
    for (let i = 0; i < m; i++) {
      const row = profiles[p] ?? [];
      row[i] = (row[i] ?? 0) + (history.values[d * m + i] ?? 0) / total;
    }
  }
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const dayAhead = Math.floor(h / m);
    const p = (totals.length + dayAhead) % dpw;
    const weight = weightSums[p] ?? 0;
    const share = weight > 0 ? (profiles[p]?.[h % m] ?? 0) / weight : 1 / m;
    out.push((daily[dayAhead] ?? 0) * share);
  }
  return out;
}
