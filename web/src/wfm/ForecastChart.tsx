import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ForecastResponse } from './api.ts';
import { intervalLabel } from './what-if.ts';

export interface ForecastRow {
  label: string;
  actual: number | null;
  mean: number | null;
  band80: [number, number] | null;
  band95: [number, number] | null;
  reforecast: number | null;
}

/** Recent history, then the forecast with its prediction bands, today's actuals and the intraday re-forecast. */
export function forecastRows(f: ForecastResponse, historyDays: number, forecastDays: number): ForecastRow[] {
  const perDay = (24 * 60) / f.interval;
  const recentKeep = Math.min(f.recent.values.length, historyDays * perDay);
  const recentStart = f.recent.values.length - recentKeep;
  const rows: ForecastRow[] = [];
  for (let i = recentStart; i < f.recent.values.length; i++) {
    rows.push({
      label: intervalLabel(f.recent.startDate, f.interval, i),
      actual: f.recent.values[i] ?? null,
      mean: null,
      band80: null,
      band95: null,
      reforecast: null,
    });
  }
  const p80 = f.forecast.intervals.find((p) => p.level === 0.8);
  const p95 = f.forecast.intervals.find((p) => p.level === 0.95);
  const shown = Math.min(f.forecast.mean.length, forecastDays * perDay);
  for (let i = 0; i < shown; i++) {
    const elapsed = i < f.actualsToday.length;
    rows.push({
      label: intervalLabel(f.forecast.startDate, f.interval, i),
      actual: elapsed ? (f.actualsToday[i] ?? null) : null,
      mean: f.forecast.mean[i] ?? null,
      band80: p80 ? [p80.lower[i] ?? 0, p80.upper[i] ?? 0] : null,
      band95: p95 ? [p95.lower[i] ?? 0, p95.upper[i] ?? 0] : null,
      reforecast: f.intraday && i < perDay && !elapsed ? (f.intraday.reforecast[i] ?? null) : null,
    });
  }
  return rows;
}

export function ForecastChart({ rows }: { rows: ForecastRow[] }) {
  return (
    <div className="wfm-chart" role="img" aria-label="Forecast volume with prediction intervals and actuals">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={60} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip
            formatter={(value) =>
              Array.isArray(value)
                ? `${Number(value[0]).toFixed(1)} – ${Number(value[1]).toFixed(1)}`
                : Number(value).toFixed(1)
            }
          />
          <Legend />
          <Area
            dataKey="band95"
            name="95% interval"
            stroke="none"
            fill="#bfdbfe"
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          <Area
            dataKey="band80"
            name="80% interval"
            stroke="none"
            fill="#93c5fd"
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          <Line
            dataKey="mean"
            name="Forecast"
            stroke="#1d4ed8"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
          <Line
            dataKey="actual"
            name="Actual"
            stroke="#111827"
            dot={false}
            strokeWidth={1.2}
            isAnimationActive={false}
          />
          <Line
            dataKey="reforecast"
            name="Re-forecast today"
            stroke="#d97706"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
