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
import { intervalLabel } from './what-if.ts';

export interface CoverageRow {
  label: string;
  required: number;
  scheduled: number | null;
  productive: number | null;
}

export function coverageRows(
  startDate: string,
  interval: number,
  required: readonly number[],
  productive: readonly number[],
  scheduled: readonly number[] | null,
): CoverageRow[] {
  return required.map((r, i) => ({
    label: intervalLabel(startDate, interval, i),
    required: r,
    productive: productive[i] ?? null,
    scheduled: scheduled ? (scheduled[i] ?? 0) : null,
  }));
}

/** Agents to schedule (after shrinkage) against agents a schedule puts on duty, per interval. */
export function CoverageChart({ rows }: { rows: CoverageRow[] }) {
  return (
    <div className="wfm-chart" role="img" aria-label="Required agents against scheduled coverage">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={60} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip formatter={(value) => Number(value).toFixed(1)} />
          <Legend />
          <Area
            type="stepAfter"
            dataKey="scheduled"
            name="Scheduled"
            stroke="#059669"
            fill="#a7f3d0"
            fillOpacity={0.7}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="required"
            name="Required (with shrinkage)"
            stroke="#dc2626"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="productive"
            name="Productive need"
            stroke="#6b7280"
            strokeDasharray="3 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
