import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { parseCsvRows } from './csv.ts';
import type { SeriesCalendar } from './series.ts';

/** A progress bar on stderr, so stdout stays clean for piping. */
export function progressBar(label: string): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function writeOutput(path: string | undefined, text: string): void {
  if (path) writeFileSync(path, text);
  else process.stdout.write(text);
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`expected HH:MM, got ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `1-5` or `1,2,3,4,5` → ISO weekdays. */
export function parseWeekdays(spec: string): number[] {
  const range = /^(\d)-(\d)$/.exec(spec);
  if (range) {
    const out: number[] = [];
    for (let d = Number(range[1]); d <= Number(range[2]); d++) out.push(d);
    return out;
  }
  return spec.split(',').map(Number);
}

export interface CalendarOptions {
  interval: string;
  open: string;
  close: string;
  weekdays: string;
}

/** Operating calendar from CLI flags; `close` is the start of the last interval's end (exclusive). */
export function calendarFromOptions(o: CalendarOptions): SeriesCalendar {
  const intervalMinutes = Number(o.interval);
  const open = minutesOf(o.open);
  const close = o.close === '24:00' ? 24 * 60 : minutesOf(o.close);
  return {
    intervalMinutes,
    openMinute: open,
    intervalsPerDay: Math.ceil((close - open) / intervalMinutes),
    operatingWeekdays: parseWeekdays(o.weekdays),
  };
}

/** Read named numeric columns from a CSV with a `timestamp` column (as written by these commands). */
export function readColumns(
  text: string,
  names: string[],
): { timestamps: string[]; columns: Record<string, number[]> } {
  const rows = parseCsvRows(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const tsIndex = header.indexOf('timestamp');
  const columns: Record<string, number[]> = {};
  for (const name of names) {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`CSV lacks column ${name}`);
    columns[name] = rows.slice(1).map((r) => Number(r[i]));
  }
  return { timestamps: rows.slice(1).map((r) => (tsIndex >= 0 ? (r[tsIndex] ?? '') : '')), columns };
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v);
  return `${[header.join(','), ...rows.map((r) => r.map(fmt).join(','))].join('\n')}\n`;
}
