import { describe, expect, it } from 'vitest';
import { rollingOriginBacktest } from './backtest.ts';
import { forecastMethods, forecastSeries, zeroShare } from './forecast.ts';
import { seasonalNaive } from './forecast-methods.ts';
import { doubleSeasonalHoltWinters } from './holt-winters.ts';
import { createRng } from './rng.ts';
import { calendar24x7, type IntervalSeries, type SeriesCalendar } from './series.ts';

// A bank-like calendar: weekdays 08:00–18:00 in half hours → 20 intervals a day, 5-day weeks.
const calendar: SeriesCalendar = {
  intervalMinutes: 30,
  openMinute: 480,
  intervalsPerDay: 20,
  operatingWeekdays: [1, 2, 3, 4, 5],
};

function poisson(rng: () => number, mean: number): number {
  // Normal approximation is enough for means ≥ 30 and keeps the fixture fast.
  const u = Math.max(1e-12, rng());
  const v = rng();
  return Math.max(
    0,
    Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)),
  );
}

/** Intraday double peak × weekday effect × slow growth, with Poisson-like noise. */
function syntheticSeries(weeks: number, seed: number): { series: IntervalSeries; expected: number[] } {
  const rng = createRng(seed);
  const expected: number[] = [];
  const values: number[] = [];
  for (let d = 0; d < weeks * 5; d++) {
    const weekday = [1.25, 1.05, 1, 0.95, 0.85][d % 5] ?? 1;
    const daily = 2000 * (1 + 0.002 * d) * weekday;
    for (let i = 0; i < 20; i++) {
      const shape = 1 + 0.8 * Math.exp(-((i - 5) ** 2) / 8) + 0.5 * Math.exp(-((i - 13) ** 2) / 6);
      const mean = (daily / 20) * (shape / 1.35);
      expected.push(mean);
      values.push(poisson(rng, mean));
    }
  }
  return { series: { calendar, startDate: '2024-01-01', values }, expected };
}

describe('forecasting', () => {
  it('seasonal naive repeats last week and skips a missing (holiday) week', () => {
    const week = Array.from({ length: 100 }, (_, i) => i);
    const values = [...week, ...week.map(() => Number.NaN)];
    const f = seasonalNaive({ calendar, startDate: '2024-01-01', values }, 100);
    expect(f).toEqual(week);
  });

  it('double-seasonal Holt-Winters tracks a seasonal series a week ahead', () => {
    const { series, expected } = syntheticSeries(12, 1);
    const history = { ...series, values: series.values.slice(0, 11 * 100) };
    const f = doubleSeasonalHoltWinters(history, 100);
    const truth = expected.slice(11 * 100);
    const wape =
      f.reduce((s, v, i) => s + Math.abs(v - (truth[i] ?? 0)), 0) / truth.reduce((a, b) => a + b, 0);
    expect(wape).toBeLessThan(0.08);
  });

  it('backtest ranks smoothed methods ahead of seasonal naive on noisy seasonal data', () => {
    const { series } = syntheticSeries(14, 2);
    const report = rollingOriginBacktest(series, forecastMethods, { horizon: 100, origins: 3 });
    const byName = Object.fromEntries(report.methods.map((m) => [m.method, m]));
    const naive = byName.seasonal_naive;
    expect(naive).toBeDefined();
    expect(byName.profile_smoothing?.mase ?? 9).toBeLessThan(naive?.mase ?? 0);
    expect(byName.double_seasonal_hw?.mase ?? 9).toBeLessThan(naive?.mase ?? 0);
    expect(naive?.wapePct).toBeGreaterThan(0);
  });

  it('chooses automatically, gives intervals, and flags special days with their multiplier', () => {
    const { series } = syntheticSeries(12, 3);
    // 2024-01-15 (a Monday in week 3) was a holiday with almost no calls.
    const values = series.values.map((v, i) => (Math.floor(i / 20) === 10 ? 3 : v));
    const result = forecastSeries(
      { ...series, values },
      {
        horizon: 200,
        specialDays: [
          { date: '2024-01-15', label: 'MLK day' },
          { date: '2024-03-27', label: 'half day', multiplier: 0.5 },
        ],
      },
    );
    expect(result.forecast.startDate).toBe('2024-03-25');
    expect(result.forecast.method).not.toBe('seasonal_naive');
    expect(result.forecast.flagged.map((d) => d.label)).toEqual(['half day']);
    const mean = result.forecast.mean;
    const dayTotal = (d: number) => mean.slice(d * 20, d * 20 + 20).reduce((a, b) => a + b, 0);
    // Wednesday is halved relative to what the same model gives Tuesday and Thursday.
    expect(dayTotal(2)).toBeLessThan(0.6 * dayTotal(1));
    const [i80, i95] = result.forecast.intervals;
    expect(i80?.level).toBe(0.8);
    mean.forEach((m, i) => {
      expect(i95?.lower[i] ?? 0).toBeLessThanOrEqual((i80?.lower[i] ?? 0) + 1e-9);
      expect(i80?.lower[i] ?? 0).toBeLessThanOrEqual(m);
      expect(i80?.upper[i] ?? 0).toBeGreaterThanOrEqual(m);
      expect(i95?.upper[i] ?? 0).toBeGreaterThanOrEqual((i80?.upper[i] ?? 0) - 1e-9);
    });
  });

  it('forecasts six weeks ahead with intervals that cover held-out data about as often as stated', () => {
    const { series, expected } = syntheticSeries(18, 4);
    const history = { ...series, values: series.values.slice(0, 12 * 100) };
    const { forecast } = forecastSeries(history, { horizon: 600 });
    expect(forecast.mean).toHaveLength(600);
    const actual = series.values.slice(12 * 100);
    const truth = expected.slice(12 * 100);
    const lastWeeks = forecast.mean.slice(400);
    const wape =
      lastWeeks.reduce((s, v, i) => s + Math.abs(v - (truth[400 + i] ?? 0)), 0) /
      truth.slice(400).reduce((a, b) => a + b, 0);
    expect(wape).toBeLessThan(0.1);
    const i80 = forecast.intervals[0];
    const inside =
      actual.filter((y, i) => y >= (i80?.lower[i] ?? 0) && y <= (i80?.upper[i] ?? 0)).length / actual.length;
    expect(inside).toBeGreaterThan(0.65);
    expect(inside).toBeLessThan(0.97);
  });
});

describe('sparse series', () => {
  it('leaves multiplicative Holt-Winters out of the automatic choice when most intervals are empty', () => {
    const calendar = calendar24x7(30);
    // Four weeks, one contact at 11:00 every day and nothing else: 47 of 48 intervals empty.
    const values = Array.from({ length: 28 * 48 }, (_, i) => (i % 48 === 22 ? 1 : 0));
    const series = { calendar, startDate: '2026-02-02', values };
    expect(zeroShare(series)).toBeCloseTo(47 / 48, 12);
    const { backtest, forecast } = forecastSeries(series, { horizon: 336 });
    expect(backtest.methods.map((m) => m.method).sort()).toEqual(['profile_smoothing', 'seasonal_naive']);
    expect(Math.max(...forecast.mean)).toBeLessThanOrEqual(1.5);
    // Asked for by name it still runs.
    const named = forecastSeries(series, { horizon: 336, method: 'double_seasonal_hw' });
    expect(named.backtest.methods.map((m) => m.method)).toContain('double_seasonal_hw');
  });
});
