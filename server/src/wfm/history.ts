import { DateTime } from 'luxon';
import {
  addCalendarDays,
  type IntervalSeries,
  isoWeekday,
  operatingDaysBetween,
  type SeriesCalendar,
} from './series.ts';

export interface ContactRecord {
  /** ISO timestamp (with offset, or local to `zone`) or epoch milliseconds. */
  startedAt: string | number;
  /** Handle time (talk + wrap, or agent work time for deferred items) in seconds, when known. */
  handleSeconds?: number;
}

export interface BucketedHistory {
  volume: IntervalSeries;
  /** Mean handle seconds per interval; NaN where no contact carried a handle time. */
  meanHandleSeconds: IntervalSeries;
  /** Contacts that fell outside operating days/hours and were not counted. */
  outsideHours: number;
}

export interface BucketOptions {
  /** IANA zone of the centre; local wall-clock time decides the interval. */
  zone: string;
  /** First and last operating dates to cover; default: span of the contacts. */
  fromDate?: string;
  toDate?: string;
}

function toLocal(at: string | number, zone: string): DateTime {
  const dt = typeof at === 'number' ? DateTime.fromMillis(at, { zone }) : DateTime.fromISO(at, { zone });
  if (!dt.isValid) throw new Error(`invalid timestamp ${String(at)}`);
  return dt.setZone(zone);
}

/** Locate a local date + minute-of-day on the calendar grid; -1 when outside operating hours. */
export function gridIndex(
  calendar: SeriesCalendar,
  startDate: string,
  date: string,
  minuteOfDay: number,
): number {
  if (date < startDate || !calendar.operatingWeekdays.includes(isoWeekday(date))) return -1;
  const slot = Math.floor((minuteOfDay - calendar.openMinute) / calendar.intervalMinutes);
  if (slot < 0 || slot >= calendar.intervalsPerDay) return -1;
  return operatingDaysBetween(calendar, startDate, date) * calendar.intervalsPerDay + slot;
}

function firstOperatingOnOrAfter(calendar: SeriesCalendar, date: string): string {
  let d = date;
  while (!calendar.operatingWeekdays.includes(isoWeekday(d))) d = addCalendarDays(d, 1);
  return d;
}

/** Count contacts and average their handle times per interval of the operating calendar. */
export function bucketContacts(
  contacts: readonly ContactRecord[],
  calendar: SeriesCalendar,
  options: BucketOptions,
): BucketedHistory {
  const locals = contacts.map((c) => ({ at: toLocal(c.startedAt, options.zone), handle: c.handleSeconds }));
  const dates = locals.map((l) => l.at.toISODate() ?? '').sort();
  const from = firstOperatingOnOrAfter(calendar, options.fromDate ?? dates[0] ?? '1970-01-01');
  const to = options.toDate ?? dates[dates.length - 1] ?? from;
  const days = operatingDaysBetween(calendar, from, addCalendarDays(to, 1));
  const size = days * calendar.intervalsPerDay;
  const counts = new Array<number>(size).fill(0);
  const handleSum = new Array<number>(size).fill(0);
  const handleCount = new Array<number>(size).fill(0);
  let outsideHours = 0;
  // Memoise the day offset: operatingDaysBetween walks the calendar.
  const dayIndex = new Map<string, number>();
  for (const { at, handle } of locals) {
    const date = at.toISODate() ?? '';
    let day = dayIndex.get(date);
    if (day === undefined) {
      const probe = gridIndex(calendar, from, date, calendar.openMinute);
      day = probe < 0 ? -1 : probe / calendar.intervalsPerDay;
      dayIndex.set(date, day);
    }
    const slot = Math.floor((at.hour * 60 + at.minute - calendar.openMinute) / calendar.intervalMinutes);
    if (day < 0 || day >= days || slot < 0 || slot >= calendar.intervalsPerDay) {
      outsideHours++;
      continue;
    }
    const i = day * calendar.intervalsPerDay + slot;
    counts[i] = (counts[i] ?? 0) + 1;
    if (handle !== undefined && Number.isFinite(handle)) {
      handleSum[i] = (handleSum[i] ?? 0) + handle;
      handleCount[i] = (handleCount[i] ?? 0) + 1;
    }
  }
  const meanHandle = handleSum.map((s, i) =>
    (handleCount[i] ?? 0) > 0 ? s / (handleCount[i] ?? 1) : Number.NaN,
  );
  return {
    volume: { calendar, startDate: from, values: counts },
    meanHandleSeconds: { calendar, startDate: from, values: meanHandle },
    outsideHours,
  };
}
