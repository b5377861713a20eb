import { useEffect, useState } from 'react';
import { type ForecastResponse, type ScheduleResponse, wfmApi } from './api.ts';
import { staffingChannel, type WhatIf } from './what-if.ts';

export interface GapRow {
  interval: number;
  required: number;
  scheduled: number;
  gap: number;
}

/** Required (from today's re-forecast) against scheduled agents, from the current interval to the end of today. */
export function intradayGaps(
  required: readonly number[],
  scheduled: readonly number[],
  from: number,
): GapRow[] {
  const rows: GapRow[] = [];
  for (let i = from; i < required.length; i++) {
    const r = required[i] ?? 0;
    const s = scheduled[i] ?? 0;
    rows.push({ interval: i, required: r, scheduled: s, gap: s - r });
  }
  return rows;
}

const clock = (interval: number, i: number) => {
  const m = i * interval;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Intraday: the staffing gap now and for the rest of today, from the re-forecast and the schedule (day 0 = today). */
export function IntradayGap({
  forecast,
  schedule,
  whatIf,
}: {
  forecast: ForecastResponse;
  schedule: ScheduleResponse;
  whatIf: WhatIf;
}) {
  const [rows, setRows] = useState<GapRow[] | null>(null);
  const perDay = (24 * 60) / forecast.interval;
  const now = forecast.actualsToday.length;
  useEffect(() => {
    const reforecast = forecast.intraday?.reforecast;
    if (!reforecast || now >= perDay) return;
    let cancelled = false;
    wfmApi
      .staffing({
        interval: forecast.interval,
        shrinkage: whatIf.shrinkage,
        channels: [staffingChannel(whatIf, reforecast)],
      })
      .then(
        (s) => {
          if (!cancelled)
            setRows(
              intradayGaps(
                s.scheduled,
                schedule.coverage.slice(0, perDay).map((c) => c.scheduled),
                now,
              ),
            );
        },
        () => setRows(null),
      );
    return () => {
      cancelled = true;
    };
  }, [forecast, schedule, whatIf, now, perDay]);
  if (!forecast.intraday || !rows || rows.length === 0) return null;
  const current = rows[0];
  const short = rows.filter((r) => r.gap < 0);
  return (
    <p className="wfm-intraday" role="status">
      Now ({clock(forecast.interval, now)}): {current?.required} agents needed on the re-forecast,{' '}
      {current?.scheduled} scheduled ({(current?.gap ?? 0) >= 0 ? `+${current?.gap}` : current?.gap}).{' '}
      {short.length === 0
        ? 'No shortfall for the rest of today.'
        : `Short in ${short.length} interval${short.length === 1 ? '' : 's'} later today, worst ${Math.min(...short.map((r) => r.gap))} at ${clock(forecast.interval, short.reduce((a, b) => (b.gap < a.gap ? b : a)).interval)}.`}
    </p>
  );
}
