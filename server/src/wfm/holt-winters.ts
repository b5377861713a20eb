import { logistic, logit, nelderMead } from './optimize.ts';
import { type IntervalSeries, weeklyPeriod } from './series.ts';

/**
 * Double-seasonal Holt-Winters after Taylor (2003, J. Oper. Res. Soc. 54:799–805): multiplicative
 * intraday (period m1) and intraweek (period m2) indices, a level without trend (Taylor found the
 * trend negligible at this grain), and an AR(1) adjustment of the one-step error:
 *   ℓ_t = α·y_t/(d_{t−m1}·w_{t−m2}) + (1−α)·ℓ_{t−1}
 *   d_t = δ·y_t/(ℓ_t·w_{t−m2}) + (1−δ)·d_{t−m1}
 *   w_t = ω·y_t/(ℓ_t·d_{t−m1}) + (1−ω)·w_{t−m2}
 *   ŷ_t(k) = ℓ_t·d_{t−m1+k}·w_{t−m2+k} + φ^k·e_t,  e_t = y_t − ℓ_{t−1}·d_{t−m1}·w_{t−m2}
 * Missing values (gaps, holidays) leave the state untouched. Parameters minimise the one-step SSE.
 */
export interface HoltWintersParams {
  alpha: number;
  delta: number;
  omega: number;
  phi: number;
}

interface HwState {
  level: number;
  daily: Float64Array;
  weekly: Float64Array;
  lastError: number;
  sse: number;
}

const floor = 1e-6;

function initialState(values: number[], m1: number, m2: number): HwState {
  // Level: mean of the first week; indices: first-week shape split into a daily mean shape and the rest.
  const firstWeek = values.slice(0, m2);
  const present = firstWeek.filter((v) => !Number.isNaN(v));
  const level = Math.max(floor, present.reduce((a, b) => a + b, 0) / Math.max(1, present.length));
  const daily = new Float64Array(m1);
  const counts = new Float64Array(m1);
  firstWeek.forEach((v, t) => {
    if (!Number.isNaN(v)) {
      daily[t % m1] = (daily[t % m1] ?? 0) + v / level;
      counts[t % m1] = (counts[t % m1] ?? 0) + 1;
    }
  });
  for (let i = 0; i < m1; i++)
    daily[i] = (counts[i] ?? 0) > 0 ? Math.max(floor, (daily[i] ?? 0) / (counts[i] ?? 1)) : 1;
  const weekly = new Float64Array(m2);
  for (let t = 0; t < m2; t++) {
    const v = firstWeek[t] ?? Number.NaN;
    weekly[t] = Number.isNaN(v) ? 1 : Math.max(floor, v / (level * (daily[t % m1] ?? 1)));
  }
  return { level, daily, weekly, lastError: 0, sse: 0 };
}

function run(values: number[], m1: number, m2: number, p: HoltWintersParams): HwState {
  const s = initialState(values, m1, m2);
  for (let t = m2; t < values.length; t++) {
    const y = values[t] ?? Number.NaN;
    const di = t % m1;
    const wi = t % m2;
    const d = s.daily[di] ?? 1;
    const w = s.weekly[wi] ?? 1;
    const fitted = s.level * d * w + p.phi * s.lastError;
    if (Number.isNaN(y)) {
      s.lastError *= p.phi;
      continue;
    }
    const error = y - fitted;
    s.sse += error * error;
    s.lastError = y - s.level * d * w;
    const level = Math.max(floor, p.alpha * (y / Math.max(d * w, floor)) + (1 - p.alpha) * s.level);
    s.daily[di] = Math.max(floor, p.delta * (y / Math.max(level * w, floor)) + (1 - p.delta) * d);
    s.weekly[wi] = Math.max(floor, p.omega * (y / Math.max(level * d, floor)) + (1 - p.omega) * w);
    s.level = level;
  }
  return s;
}

export function fitHoltWinters(history: IntervalSeries): HoltWintersParams {
  const m1 = history.calendar.intervalsPerDay;
  const m2 = weeklyPeriod(history.calendar);
  if (history.values.length < 2 * m2)
    throw new Error('double-seasonal Holt-Winters needs two weeks of history');
  const toParams = (x: number[]): HoltWintersParams => ({
    alpha: logistic(x[0] ?? 0),
    delta: logistic(x[1] ?? 0),
    omega: logistic(x[2] ?? 0),
    phi: logistic(x[3] ?? 0),
  });
  const fit = nelderMead(
    (x) => run(history.values, m1, m2, toParams(x)).sse,
    [logit(0.05), logit(0.1), logit(0.1), logit(0.5)],
    {
      step: 1,
      maxEvaluations: 160,
    },
  );
  return toParams(fit.x);
}

export function doubleSeasonalHoltWinters(
  history: IntervalSeries,
  horizon: number,
  params: HoltWintersParams = fitHoltWinters(history),
): number[] {
  const m1 = history.calendar.intervalsPerDay;
  const m2 = weeklyPeriod(history.calendar);
  const s = run(history.values, m1, m2, params);
  const n = history.values.length;
  return Array.from({ length: horizon }, (_, h) => {
    const t = n + h;
    const value =
      s.level * (s.daily[t % m1] ?? 1) * (s.weekly[t % m2] ?? 1) + params.phi ** (h + 1) * s.lastError;
    return Math.max(0, value);
  });
}
