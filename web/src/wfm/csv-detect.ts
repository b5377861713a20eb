import type { HistorySource } from './api.ts';

/**
 * Decide how to send an imported CSV: `timestamp,count` rows (interval counts, at the grain of the
 * first two rows' spacing) or one row per contact. The server validates everything again.
 */
export function csvSource(text: string, interval: number): HistorySource {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '')
    .toLowerCase()
    .split(',')
    .map((h) => h.trim());
  const isCounts = header.some((h) => ['count', 'calls', 'volume', 'contacts', 'value'].includes(h));
  if (!isCounts) return { source: 'csv', csv: text, csvFormat: 'contacts' };
  const minuteOf = (line: string | undefined) => {
    const m = /(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})/.exec(line ?? '');
    return m ? { date: m[1], minute: Number(m[2]) * 60 + Number(m[3]) } : null;
  };
  const a = minuteOf(lines[1]);
  const b = minuteOf(lines[2]);
  const step = a && b && a.date === b.date ? b.minute - a.minute : interval;
  const grain = step > 0 && step <= interval && interval % step === 0 ? step : interval;
  return { source: 'csv', csv: text, csvFormat: 'intervals', csvIntervalMinutes: grain };
}
