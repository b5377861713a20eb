import { useEffect, useMemo, useState } from 'react';
import { useDesk } from '../app/desk-context.tsx';
import { AnalyticsFilterBar } from './AnalyticsFilterBar.tsx';
import {
  analyticsApi,
  type BacklogPoint,
  type Costs,
  csvUrl,
  type DistributionMetric,
  type HeatCell,
  type KpiRow,
  type SeriesPoint,
} from './api.ts';
import { BacklogChart, DistributionChart, QualityChart, ResponseTimeChart, VolumeChart } from './Charts.tsx';
import { type AnalyticsFilters, defaultFilters, toQuery } from './filters.ts';
import { VolumeHeatmap } from './Heatmap.tsx';
import { KpiTable } from './KpiTable.tsx';
import { KpiTiles } from './KpiTiles.tsx';
import './analytics.css';

interface Reports {
  summary: { kpis: KpiRow; costs: Costs };
  series: SeriesPoint[];
  heatmap: HeatCell[];
  backlog: BacklogPoint[];
  distribution: { band: string; count: number }[];
  agents: KpiRow[];
  teams: KpiRow[];
  breakdown: { rows: KpiRow[]; costs: Costs };
}

const DISTRIBUTIONS: { value: DistributionMetric; label: string }[] = [
  { value: 'first_response', label: 'First response time' },
  { value: 'next_response', label: 'Next response time' },
  { value: 'resolution', label: 'Resolution time' },
  { value: 'assignment', label: 'Time to assignment' },
  { value: 'csat', label: 'CSAT scores' },
];

const BREAKDOWNS = [
  { value: 'channel', label: 'Channel' },
  { value: 'provider', label: 'Platform' },
  { value: 'visibility', label: 'Public / private' },
  { value: 'intent', label: 'Intent' },
  { value: 'priority', label: 'Priority' },
  { value: 'label', label: 'Label' },
] as const;

/** Supervisors' dashboard: every KPI of docs/metrics.md for the chosen range and filters. */
export function AnalyticsPage() {
  const { me } = useDesk();
  if (me.role === 'agent') return <p className="analytics">Analytics is for supervisors and admins.</p>;
  return <Dashboard />;
}

function Dashboard() {
  const [filters, setFilters] = useState<AnalyticsFilters>(defaultFilters);
  const [metric, setMetric] = useState<DistributionMetric>('first_response');
  const [groupBy, setGroupBy] = useState<(typeof BREAKDOWNS)[number]['value']>('channel');
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshed, setRefreshed] = useState(0);
  // The range ends at the top of the next hour; recompute it on each refresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshed is the explicit refresh trigger
  const query = useMemo(() => toQuery(filters, new Date()), [filters, refreshed]);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    Promise.all([
      analyticsApi.summary(query),
      analyticsApi.timeseries(query),
      analyticsApi.heatmap(query),
      analyticsApi.backlog(query),
      analyticsApi.distribution(query, metric),
      analyticsApi.breakdown('agents', query),
      analyticsApi.breakdown('teams', query),
      analyticsApi.breakdown('breakdown', `${query}&groupBy=${groupBy}`),
    ]).then(
      ([summary, series, heatmap, backlog, distribution, agents, teams, breakdown]) => {
        if (!isCurrent) return;
        setReports({
          summary,
          series: series.points,
          heatmap: heatmap.cells,
          backlog: backlog.points,
          distribution: distribution.bands,
          agents: agents.rows,
          teams: teams.rows,
          breakdown,
        });
      },
      (caught: unknown) => {
        if (isCurrent) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [query, metric, groupBy]);

  return (
    <main className="analytics">
      <header className="analytics-head">
        <h1>Analytics</h1>
        <button type="button" onClick={() => setRefreshed((n) => n + 1)}>
          Refresh
        </button>
        <a href={csvUrl('conversations', query)} download>
          Export conversations (CSV)
        </a>
      </header>
      <AnalyticsFilterBar
        filters={filters}
        teams={reports?.teams.map((t) => ({ key: t.key, label: t.label })) ?? []}
        onChange={setFilters}
      />
      {error ? (
        <p role="alert" className="analytics-error">
          {error}
        </p>
      ) : null}
      {!reports ? (
        <p className="loading">Loading reports…</p>
      ) : (
        <>
          <KpiTiles kpis={reports.summary.kpis} costs={reports.summary.costs} />
          <p className="analytics-note">
            <a href={csvUrl('summary', query)} download>
              Summary CSV
            </a>{' '}
            ·{' '}
            <a href={csvUrl('timeseries', query)} download>
              Time series CSV
            </a>{' '}
            · Definitions: docs/metrics.md
          </p>
          <div className="analytics-grid">
            <VolumeChart points={reports.series} />
            <ResponseTimeChart points={reports.series} />
            <QualityChart points={reports.series} />
            <BacklogChart points={reports.backlog} />
            <VolumeHeatmap cells={reports.heatmap} />
            <div className="analytics-stack">
              <label className="analytics-inline">
                <span>Distribution of</span>
                <select value={metric} onChange={(e) => setMetric(e.target.value as DistributionMetric)}>
                  {DISTRIBUTIONS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
              <DistributionChart
                title={DISTRIBUTIONS.find((d) => d.value === metric)?.label ?? ''}
                bands={reports.distribution}
              />
            </div>
          </div>
          <KpiTable title="Agents" rows={reports.agents} showProductivity csvHref={csvUrl('agents', query)} />
          <KpiTable title="Teams" rows={reports.teams} showProductivity csvHref={csvUrl('teams', query)} />
          <section className="analytics-breakdown">
            <label className="analytics-inline">
              <span>Break down by</span>
              <select
                value={groupBy}
                onChange={(e) => setGroupBy(e.target.value as (typeof BREAKDOWNS)[number]['value'])}
              >
                {BREAKDOWNS.map((b) => (
                  <option key={b.value} value={b.value}>
                    {b.label}
                  </option>
                ))}
              </select>
            </label>
            <KpiTable
              title={`By ${BREAKDOWNS.find((b) => b.value === groupBy)?.label.toLowerCase()}`}
              rows={reports.breakdown.rows}
              costs={reports.breakdown.costs}
              showProductivity={false}
              csvHref={csvUrl('breakdown', `${query}&groupBy=${groupBy}`)}
            />
          </section>
        </>
      )}
    </main>
  );
}
