import type { ScheduleTour } from './api.ts';

const DAY_MINUTES = 24 * 60;

export interface GanttSegment {
  day: number;
  /** Minutes from the start of the week (may exceed 7 days for a Sunday night shift; wrapped on draw). */
  fromMinute: number;
  toMinute: number;
  kind: 'work' | 'break';
}

/** Work and break segments of one tour across the week, breaks cut out of the working span. */
export function tourSegments(tour: ScheduleTour): GanttSegment[] {
  const out: GanttSegment[] = [];
  for (const d of tour.days) {
    const start = d.day * DAY_MINUTES + tour.startMinute;
    let cursor = start;
    for (const b of [...d.breaks].sort((x, y) => x.offsetMinutes - y.offsetMinutes)) {
      const from = start + b.offsetMinutes;
      if (from > cursor) out.push({ day: d.day, fromMinute: cursor, toMinute: from, kind: 'work' });
      out.push({ day: d.day, fromMinute: from, toMinute: from + b.minutes, kind: 'break' });
      cursor = from + b.minutes;
    }
    const end = start + tour.lengthMinutes;
    if (end > cursor) out.push({ day: d.day, fromMinute: cursor, toMinute: end, kind: 'work' });
  }
  return out;
}

function fmt(minute: number): string {
  const m = ((minute % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** One row per agent (tour): the week left to right, shifts in green, breaks as gaps. */
export function ScheduleGantt({
  tours,
  dayLabels,
  limit = 60,
}: {
  tours: ScheduleTour[];
  dayLabels: string[];
  limit?: number;
}) {
  const week = 7 * DAY_MINUTES;
  const sorted = [...tours].sort(
    (a, b) => a.startMinute - b.startMinute || (a.days[0]?.day ?? 0) - (b.days[0]?.day ?? 0),
  );
  const shown = sorted
    .slice(0, limit)
    .map((tour, n) => ({ tour, id: `tour-${n}`, name: tour.agentName ?? `Unassigned ${n + 1}` }));
  return (
    <div className="wfm-gantt">
      <div className="wfm-gantt-row wfm-gantt-head">
        <span className="wfm-gantt-name">Agent</span>
        <div className="wfm-gantt-track">
          {dayLabels.map((label, d) => (
            <span
              key={label}
              className="wfm-gantt-day"
              style={{ left: `${(100 * d) / 7}%`, width: `${100 / 7}%` }}
            >
              {label}
            </span>
          ))}
        </div>
      </div>
      {shown.map(({ tour, id, name }) => {
        return (
          <div className="wfm-gantt-row" key={id}>
            <span
              className="wfm-gantt-name"
              title={`${fmt(tour.startMinute)}, ${tour.lengthMinutes / 60} h, ${tour.paidHours} paid h/week`}
            >
              {name}
            </span>
            <div className="wfm-gantt-track">
              {tourSegments(tour).flatMap((s) => {
                // A segment past the end of the week wraps to Monday morning.
                const parts =
                  s.toMinute <= week
                    ? [[s.fromMinute, s.toMinute]]
                    : s.fromMinute >= week
                      ? [[s.fromMinute - week, s.toMinute - week]]
                      : [
                          [s.fromMinute, week],
                          [0, s.toMinute - week],
                        ];
                return parts.map(([from = 0, to = 0]) => (
                  <span
                    key={`${s.kind}-${from}`}
                    className={`wfm-gantt-bar wfm-gantt-${s.kind}`}
                    style={{ left: `${(100 * from) / week}%`, width: `${(100 * (to - from)) / week}%` }}
                    title={`${dayLabels[Math.floor(from / DAY_MINUTES)] ?? ''} ${fmt(from)}–${fmt(to)} ${s.kind}`}
                  />
                ));
              })}
            </div>
          </div>
        );
      })}
      {tours.length > limit ? <p className="small">…and {tours.length - limit} more tours</p> : null}
    </div>
  );
}
