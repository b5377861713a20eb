import type { ContactRecord } from './history.ts';
import { gridIndex } from './history.ts';
import {
  addCalendarDays,
  type IntervalSeries,
  intervalStartLabel,
  operatingDaysBetween,
  type SeriesCalendar,
  seriesDates,
} from './series.ts';

export type ProgressCallback = (done: number, total: number) => void;

/** Split CSV text into rows; handles quoted fields, doubled quotes and CRLF. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function columnIndex(header: string[], names: string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    const i = lower.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

const countNames = ['count', 'calls', 'volume', 'contacts', 'value'];

/** Local `YYYY-MM-DD` date and minute of day from `2003-03-03 07:05`, `2003-03-03T07:05:00`, etc. */
function splitLocalTimestamp(ts: string): { date: string; minute: number } {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})/.exec(ts.trim());
  if (!m) throw new Error(`unparseable local timestamp "${ts}"`);
  return { date: m[1] ?? '', minute: Number(m[2]) * 60 + Number(m[3]) };
}

/**
 * Interval counts, either `timestamp,count` (local wall-clock start of the interval) or
 * `date,…,interval_start_local,calls` (the bank arrivals shape). Intervals absent from the file
 * become NaN gaps on the operating calendar; rows outside operating hours are rejected.
 */
export function parseIntervalCountsCsv(
  text: string,
  calendar: SeriesCalendar,
  onProgress?: ProgressCallback,
): IntervalSeries {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) throw new Error('empty CSV');
  const tsCol = columnIndex(header, ['timestamp', 'interval_start', 'start']);
  const dateCol = columnIndex(header, ['date']);
  const timeCol = columnIndex(header, ['interval_start_local', 'time']);
  const countCol = columnIndex(header, countNames);
  if (countCol < 0 || (tsCol < 0 && (dateCol < 0 || timeCol < 0))) {
    throw new Error('expected columns timestamp,count or date,interval_start_local,calls');
  }
  const parsed: { date: string; minute: number; count: number }[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const local =
      tsCol >= 0
        ? splitLocalTimestamp(row[tsCol] ?? '')
        : splitLocalTimestamp(`${row[dateCol]} ${row[timeCol]}`);
    const count = Number(row[countCol]);
    if (!Number.isFinite(count) || count < 0)
      throw new Error(`row ${r + 1}: count "${row[countCol]}" is not a number ≥ 0`);
    parsed.push({ ...local, count });
    if (onProgress && r % 5000 === 0) onProgress(r, rows.length - 1);
  }
  if (parsed.length === 0) throw new Error('CSV has no data rows');
  const dates = parsed.map((p) => p.date).sort();
  const startDate = dates[0] ?? '';
  const days = operatingDaysBetween(calendar, startDate, addCalendarDays(dates[dates.length - 1] ?? '', 1));
  const values = new Array<number>(days * calendar.intervalsPerDay).fill(Number.NaN);
  for (const p of parsed) {
    const i = gridIndex(calendar, startDate, p.date, p.minute);
    if (i < 0) throw new Error(`row ${p.date} minute ${p.minute} is outside the operating calendar`);
    values[i] = (Number.isNaN(values[i] ?? Number.NaN) ? 0 : (values[i] ?? 0)) + p.count;
  }
  onProgress?.(rows.length - 1, rows.length - 1);
  return { calendar, startDate, values };
}

/** One row per contact: `timestamp[,handle_seconds]`. */
export function parseContactsCsv(text: string, onProgress?: ProgressCallback): ContactRecord[] {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) throw new Error('empty CSV');
  const tsCol = columnIndex(header, ['timestamp', 'started_at', 'created_at']);
  const handleCol = columnIndex(header, ['handle_seconds', 'handle_time', 'aht_seconds']);
  if (tsCol < 0) throw new Error('expected a timestamp column');
  const contacts: ContactRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rawHandle = handleCol >= 0 ? (row[handleCol] ?? '').trim() : '';
    const handle = rawHandle === '' ? Number.NaN : Number(rawHandle);
    contacts.push({
      startedAt: row[tsCol] ?? '',
      ...(Number.isFinite(handle) ? { handleSeconds: handle } : {}),
    });
    if (onProgress && r % 5000 === 0) onProgress(r, rows.length - 1);
  }
  onProgress?.(rows.length - 1, rows.length - 1);
  return contacts;
}

/** `timestamp,count` CSV of a series (local wall-clock interval starts); NaN gaps are written empty. */
export function formatSeriesCsv(series: IntervalSeries, valueHeader = 'count'): string {
  const perDay = series.calendar.intervalsPerDay;
  const lines = [`timestamp,${valueHeader}`];
  seriesDates(series).forEach((date, d) => {
    for (let i = 0; i < perDay; i++) {
      const v = series.values[d * perDay + i] ?? Number.NaN;
      lines.push(`${date} ${intervalStartLabel(series.calendar, i)},${Number.isNaN(v) ? '' : v}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
