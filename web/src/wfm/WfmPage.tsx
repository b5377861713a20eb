import { useEffect, useMemo, useState } from 'react';
import { useDesk } from '../app/desk-context.tsx';
import {
  type ForecastResponse,
  type HistorySource,
  type HistorySummary,
  type ScheduleResponse,
  type SimulationResponse,
  type StaffingResponse,
  wfmApi,
} from './api.ts';
import { BacktestTable } from './BacktestTable.tsx';
import { CoverageChart, coverageRows } from './CoverageChart.tsx';
import { csvSource } from './csv-detect.ts';
import { ForecastChart, forecastRows } from './ForecastChart.tsx';
import { IntradayGap } from './IntradayGap.tsx';
import { ScenarioBar } from './ScenarioBar.tsx';
import { ScheduleGantt } from './ScheduleGantt.tsx';
import { type SpecialDay, SpecialDays } from './SpecialDays.tsx';
import { WhatIfControls } from './WhatIfControls.tsx';
import { defaultWhatIf, productiveOnDuty, staffingChannel, type WhatIf } from './what-if.ts';
import './wfm.css';

/** Below this many conversations in eight weeks the page starts from the sample history instead. */
const MIN_OWN_CONTACTS = 200;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function WfmPage() {
  const { me } = useDesk();
  const [interval, setIntervalMinutes] = useState<30 | 60>(30);
  const [horizonWeeks, setHorizonWeeks] = useState(2);
  const [method, setMethod] = useState('auto');
  const [specialDays, setSpecialDays] = useState<SpecialDay[]>([]);
  const [summary, setSummary] = useState<HistorySummary | null>(null);
  const [source, setSource] = useState<HistorySource | null>(null);
  const [forecast, setForecast] = useState<ForecastResponse | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf>(defaultWhatIf);
  const [staffing, setStaffing] = useState<StaffingResponse | null>(null);
  const [schedule, setSchedule] = useState<ScheduleResponse | null>(null);
  const [simulation, setSimulation] = useState<SimulationResponse | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    wfmApi.history(interval).then(
      (h) => {
        setSummary(h);
        setSource((s) => s ?? (h.contacts >= MIN_OWN_CONTACTS ? { source: 'db' } : { source: 'sample' }));
      },
      (e: unknown) => setError(message(e)),
    );
  }, [interval]);

  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    setBusy('Forecasting…');
    setError(null);
    wfmApi.forecast({ history: source, interval, horizonWeeks, method, specialDays }).then(
      (f) => {
        if (cancelled) return;
        setForecast(f);
        setSchedule(null);
        setSimulation(null);
        if (f.meanHandleSeconds !== null)
          setWhatIf((w) => ({ ...w, handleSeconds: Math.round(f.meanHandleSeconds ?? 360) }));
        setBusy(null);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(message(e));
        setBusy(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [source, interval, horizonWeeks, method, specialDays]);

  const perDay = (24 * 60) / interval;
  const week = useMemo(
    () => (forecast ? forecast.forecast.mean.slice(0, 7 * perDay) : []),
    [forecast, perDay],
  );

  // What-if changes recompute staffing (debounced; Erlang is fast, the round trip is what costs).
  useEffect(() => {
    if (week.length === 0) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      wfmApi
        .staffing({ interval, shrinkage: whatIf.shrinkage, channels: [staffingChannel(whatIf, week)] })
        .then(
          (s) => {
            if (!cancelled) setStaffing(s);
          },
          (e: unknown) => {
            if (!cancelled) setError(message(e));
          },
        );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [week, whatIf, interval]);

  async function buildSchedule() {
    if (!staffing) return;
    setBusy('Solving the schedule (up to 20 s)…');
    setError(null);
    try {
      setSchedule(await wfmApi.schedule({ interval, required: staffing.scheduled, assignMembers: true }));
      setSimulation(null);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  }

  async function simulateSchedule() {
    if (!schedule || !forecast) return;
    setBusy('Simulating…');
    try {
      setSimulation(
        await wfmApi.simulate({
          interval,
          expectedArrivals: week,
          agents: productiveOnDuty(
            schedule.coverage.map((c) => c.scheduled),
            whatIf.shrinkage,
          ),
          handleSeconds: whatIf.handleSeconds,
          answerSeconds: whatIf.kind === 'immediate' ? whatIf.answerSeconds : whatIf.responseSeconds,
          ...(whatIf.patienceSeconds && whatIf.kind === 'immediate'
            ? { patienceSeconds: whatIf.patienceSeconds }
            : {}),
          ...(whatIf.concurrency > 1 && whatIf.kind === 'immediate'
            ? { concurrency: whatIf.concurrency }
            : {}),
          ...(whatIf.kind === 'deferred' ? { deadlineSeconds: whatIf.responseSeconds } : {}),
          replications: 5,
        }),
      );
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  }

  function importCsv(file: File) {
    setBusy(`Importing ${file.name}…`);
    file.text().then(
      (text) => setSource(csvSource(text, interval)),
      (e: unknown) => setError(message(e)),
    );
  }

  const rows = useMemo(() => (forecast ? forecastRows(forecast, 3, 7) : []), [forecast]);
  const coverage = useMemo(
    () =>
      forecast && staffing
        ? coverageRows(
            forecast.forecast.startDate,
            interval,
            staffing.scheduled,
            staffing.productive,
            schedule?.coverage.map((c) => c.scheduled) ?? null,
          )
        : [],
    [forecast, staffing, schedule, interval],
  );
  const dayLabels = useMemo(
    () =>
      forecast
        ? Array.from({ length: 7 }, (_, d) => {
            const date = new Date(`${forecast.forecast.startDate}T00:00:00Z`);
            date.setUTCDate(date.getUTCDate() + d);
            return date.toUTCString().slice(0, 3);
          })
        : [],
    [forecast],
  );
  const peak = staffing ? Math.max(...staffing.scheduled) : 0;
  const staleSchedule =
    schedule && staffing && schedule.coverage.some((c, i) => c.required !== staffing.scheduled[i]);

  return (
    <main className="wfm" aria-labelledby="wfm-title">
      <h1 id="wfm-title">Workforce</h1>
      <section className="wfm-source" aria-label="History and forecast settings">
        <label className="wfm-field">
          <span>History</span>
          <select
            value={source?.source ?? ''}
            onChange={(e) => setSource(e.target.value === 'db' ? { source: 'db' } : { source: 'sample' })}
          >
            <option value="db">Parley conversations ({summary?.contacts ?? '…'} in 8 weeks)</option>
            <option value="sample">Sample history (demo)</option>
            {source?.source === 'csv' ? <option value="csv">Imported CSV</option> : null}
          </select>
        </label>
        {source?.source === 'db' && summary && summary.channels.length > 1 ? (
          <label className="wfm-field">
            <span>Channel</span>
            <select
              value={source.provider ?? ''}
              onChange={(e) =>
                setSource(e.target.value ? { source: 'db', provider: e.target.value } : { source: 'db' })
              }
            >
              <option value="">All channels</option>
              {summary.channels.map((c) => (
                <option key={c.provider} value={c.provider}>
                  {c.provider} ({c.volume.reduce((a, b) => a + b, 0)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="wfm-field">
          <span>Import CSV</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) importCsv(file);
            }}
          />
        </label>
        <label className="wfm-field">
          <span>Interval</span>
          <select value={interval} onChange={(e) => setIntervalMinutes(Number(e.target.value) as 30 | 60)}>
            <option value={30}>30 min</option>
            <option value={60}>60 min</option>
          </select>
        </label>
        <label className="wfm-field">
          <span>Horizon</span>
          <select value={horizonWeeks} onChange={(e) => setHorizonWeeks(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6].map((w) => (
              <option key={w} value={w}>
                {w} week{w > 1 ? 's' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="wfm-field">
          <span>Method</span>
          <select value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="auto">Automatic (best backtest)</option>
            <option value="seasonal_naive">Seasonal naive</option>
            <option value="profile_smoothing">Profile × daily smoothing</option>
            <option value="double_seasonal_hw">Double-seasonal Holt-Winters</option>
          </select>
        </label>
      </section>
      <SpecialDays value={specialDays} onChange={setSpecialDays} />
      {summary && summary.contacts < MIN_OWN_CONTACTS && source?.source === 'sample' ? (
        <p className="notice">
          This account has {summary.contacts} conversations in the last eight weeks, too few to forecast from,
          so the page starts from a labelled <strong>sample history</strong>. Import a CSV (
          <code>timestamp,count</code> per interval, or one row per contact) to plan with your own volumes.
        </p>
      ) : null}
      {busy ? (
        <p className="small" role="status">
          {busy}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {forecast ? (
        <>
          <section aria-labelledby="wfm-forecast">
            <h2 id="wfm-forecast">
              Forecast{' '}
              <span className="small">
                (
                {forecast.source === 'sample'
                  ? 'sample history'
                  : forecast.source === 'csv'
                    ? 'imported CSV'
                    : 'Parley conversations'}
                , {forecast.zone})
              </span>
            </h2>
            <ForecastChart rows={rows} />
            {forecast.intraday ? (
              <p className="small">
                Today so far: {forecast.intraday.observed} contacts against{' '}
                {forecast.intraday.expected.toFixed(0)} expected; the rest of today is re-forecast ×
                {forecast.intraday.appliedRatio.toFixed(2)}.
              </p>
            ) : null}
            {forecast.forecast.flagged.length > 0 ? (
              <p className="small">
                Special days: {forecast.forecast.flagged.map((d) => `${d.date} ${d.label}`).join(', ')}
              </p>
            ) : null}
            <BacktestTable backtest={forecast.backtest} />
          </section>
          <section aria-labelledby="wfm-staffing">
            <h2 id="wfm-staffing">Staffing for the first forecast week</h2>
            <WhatIfControls value={whatIf} onChange={setWhatIf} />
            <ScenarioBar whatIf={whatIf} onLoad={setWhatIf} canSave={me.role !== 'agent'} />
            {staffing ? (
              <>
                <p className="small">
                  Peak {peak} agents to schedule;{' '}
                  {staffing.scheduled.reduce((s, v) => s + v, 0) * (interval / 60)} agent-hours in the week.
                </p>
                <CoverageChart rows={coverage} />
                <button type="button" onClick={() => void buildSchedule()} disabled={busy !== null}>
                  {schedule ? 'Rebuild schedule' : 'Build schedule'}
                </button>
                {staleSchedule ? (
                  <span className="small"> The requirement changed since this schedule was built.</span>
                ) : null}
              </>
            ) : null}
          </section>
        </>
      ) : null}
      {schedule ? (
        <section aria-labelledby="wfm-schedule">
          <h2 id="wfm-schedule">Schedule</h2>
          <p className="small">
            {schedule.tours.length} agents, {schedule.paidHours} paid hours; solved in {schedule.solveSeconds}{' '}
            s, {schedule.gapToLpPct}% above the LP bound ({schedule.lpBound});{' '}
            {schedule.understaffedAgentIntervals} agent-intervals short.
          </p>
          {forecast?.intraday ? (
            <IntradayGap forecast={forecast} schedule={schedule} whatIf={whatIf} />
          ) : null}
          <ScheduleGantt tours={schedule.tours} dayLabels={dayLabels} />
          <button type="button" onClick={() => void simulateSchedule()} disabled={busy !== null}>
            Check by simulation
          </button>
          {simulation ? (
            <p className="wfm-sim" role="status">
              Simulated ({simulation.replications} runs): service level{' '}
              {((simulation.overall.serviceLevel ?? 0) * 100).toFixed(1)}% (±{' '}
              {((simulation.serviceLevelStdError ?? 0) * 100).toFixed(1)}), ASA{' '}
              {(simulation.overall.asaSeconds ?? 0).toFixed(0)} s, abandoned{' '}
              {((simulation.overall.abandonRate ?? 0) * 100).toFixed(1)}%
              {simulation.overall.deadlineMet !== undefined && simulation.overall.deadlineMet !== null
                ? `, ${(simulation.overall.deadlineMet * 100).toFixed(1)}% within the response target`
                : ''}
              .
            </p>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
