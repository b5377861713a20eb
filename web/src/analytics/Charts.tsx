import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BacklogPoint, SeriesPoint } from './api.ts';

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
const percent = (s: number | null) => (s === null ? null : Math.round(s * 1000) / 10);
/** '2026-03-02T09:15' → 'Mar 2 09:15' (or 'Mar 2' at midnight). */
function shortLabel(bucket: string): string {
  const [date, time] = bucket.split('T');
  const d = new Date(`${date}T00:00:00`);
  const day = d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return time === '00:00' ? day : `${day} ${time}`;
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <figure className="analytics-panel" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        {children as React.ReactElement}
      </ResponsiveContainer>
    </figure>
  );
}

export function VolumeChart({ points }: { points: SeriesPoint[] }) {
  const rows = points.map((p) => ({
    label: shortLabel(p.bucket),
    inbound: p.inboundMessages,
    created: p.newConversations,
    resolved: p.resolutions,
  }));
  return (
    <Panel title="Volume">
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="label" minTickGap={40} fontSize={11} />
        <YAxis fontSize={11} allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="inbound" name="Inbound messages" fill="#93c5fd" isAnimationActive={false} />
        <Line
          dataKey="created"
          name="New conversations"
          stroke="#1d4ed8"
          dot={false}
          isAnimationActive={false}
        />
        <Line dataKey="resolved" name="Resolutions" stroke="#059669" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </Panel>
  );
}

export function ResponseTimeChart({ points }: { points: SeriesPoint[] }) {
  const rows = points.map((p) => ({
    label: shortLabel(p.bucket),
    mean: minutes(p.firstResponseMean),
    median: minutes(p.firstResponseMedian),
    p90: minutes(p.firstResponseP90),
    next: minutes(p.nextResponseMean),
  }));
  return (
    <Panel title="First and next response (minutes)">
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="label" minTickGap={40} fontSize={11} />
        <YAxis fontSize={11} />
        <Tooltip />
        <Legend />
        <Line
          dataKey="mean"
          name="ASA (mean)"
          stroke="#1d4ed8"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="median"
          name="Median"
          stroke="#60a5fa"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="p90"
          name="90th percentile"
          stroke="#f59e0b"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="next"
          name="Next response"
          stroke="#7c3aed"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </Panel>
  );
}

export function QualityChart({ points }: { points: SeriesPoint[] }) {
  const rows = points.map((p) => ({
    label: shortLabel(p.bucket),
    sla: percent(p.slaAttainment),
    csat: p.csatAverage === null ? null : Math.round(p.csatAverage * 20 * 10) / 10,
  }));
  return (
    <Panel title="SLA attainment and CSAT (% of 5)">
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="label" minTickGap={40} fontSize={11} />
        <YAxis fontSize={11} domain={[0, 100]} />
        <Tooltip />
        <Legend />
        <Line
          dataKey="sla"
          name="SLA met %"
          stroke="#059669"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="csat"
          name="CSAT %"
          stroke="#db2777"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </Panel>
  );
}

export function BacklogChart({ points }: { points: BacklogPoint[] }) {
  const rows = points.map((p) => ({
    label: shortLabel(p.bucket),
    open: p.open,
    oldest: p.oldestAgeSeconds === null ? null : Math.round((p.oldestAgeSeconds / 3600) * 10) / 10,
  }));
  return (
    <Panel title="Backlog (open cases) and oldest age (hours)">
      <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="label" minTickGap={40} fontSize={11} />
        <YAxis yAxisId="open" fontSize={11} allowDecimals={false} />
        <YAxis yAxisId="age" orientation="right" fontSize={11} />
        <Tooltip />
        <Legend />
        <Area
          yAxisId="open"
          dataKey="open"
          name="Open"
          stroke="#1d4ed8"
          fill="#bfdbfe"
          isAnimationActive={false}
        />
        <Area
          yAxisId="age"
          dataKey="oldest"
          name="Oldest (h)"
          stroke="#dc2626"
          fill="none"
          isAnimationActive={false}
        />
      </AreaChart>
    </Panel>
  );
}

export function DistributionChart({
  title,
  bands,
}: {
  title: string;
  bands: { band: string; count: number }[];
}) {
  return (
    <Panel title={title}>
      <BarChart data={bands} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="band" fontSize={10} interval={0} angle={-25} textAnchor="end" height={50} />
        <YAxis fontSize={11} allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="count" name="Conversations" fill="#60a5fa" isAnimationActive={false} />
      </BarChart>
    </Panel>
  );
}
