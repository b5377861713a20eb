/**
 * A regular interval series over *operating* days only. A bank open weekdays 07:00–21:00 has
 * 5 operating days a week and a fixed number of intervals per day; a 24/7 desk has 7 days of
 * 24h. Daily and weekly seasonal periods are then fixed offsets, so forecasting stays positional.
 */
export interface SeriesCalendar {
  intervalMinutes: number;
  /** Minutes after local midnight at which the first interval of each day starts. */
  openMinute: number;
  intervalsPerDay: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the centre operates, ascending. */
  operatingWeekdays: number[];
}

export interface IntervalSeries {
  calendar: SeriesCalendar;
  /** First operating day, ISO date `YYYY-MM-DD`. */
  startDate: string;
  /** days × intervalsPerDay values; NaN marks a missing interval (gap, outage, unknown). */
  values: number[];
}

export const allWeekdays = [1, 2, 3, 4, 5, 6, 7];

export function calendar24x7(intervalMinutes: number): SeriesCalendar {
  return {
    intervalMinutes,
    openMinute: 0,
    intervalsPerDay: (24 * 60) / intervalMinutes,
    operatingWeekdays: allWeekdays,
  };
}

export function daysPerWeek(calendar: SeriesCalendar): number {
  return calendar.operatingWeekdays.length;
}

export function weeklyPeriod(calendar: SeriesCalendar): number {
  return calendar.intervalsPerDay * daysPerWeek(calendar);
}

export function dayCount(series: IntervalSeries): number {
  return Math.floor(series.values.length / series.calendar.intervalsPerDay);
}

const msPerDay = 86_400_000;

function parseIsoDate(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`invalid date ${date}`);
  return ms;
}

function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 = Monday). */
export function isoWeekday(date: string): number {
  const day = new Date(parseIsoDate(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addCalendarDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days * msPerDay);
}

/** The next operating day strictly after `date`. */
export function nextOperatingDate(calendar: SeriesCalendar, date: string): string {
  let next = addCalendarDays(date, 1);
  while (!calendar.operatingWeekdays.includes(isoWeekday(next))) next = addCalendarDays(next, 1);
  return next;
}

/** Dates of `count` consecutive operating days starting at `startDate` (which must operate). */
export function operatingDates(calendar: SeriesCalendar, startDate: string, count: number): string[] {
  if (!calendar.operatingWeekdays.includes(isoWeekday(startDate))) {
    throw new Error(`${startDate} is not an operating day`);
  }
  const dates: string[] = [];
  let date = startDate;
  for (let i = 0; i < count; i++) {
    dates.push(date);
    date = nextOperatingDate(calendar, date);
  }
  return dates;
}

/** Number of operating days from `from` (inclusive) to `to` (exclusive); `to` must be ≥ `from`. */
export function operatingDaysBetween(calendar: SeriesCalendar, from: string, to: string): number {
  let count = 0;
  for (let ms = parseIsoDate(from); ms < parseIsoDate(to); ms += msPerDay) {
    if (calendar.operatingWeekdays.includes(isoWeekday(formatIsoDate(ms)))) count++;
  }
  return count;
}

export function seriesDates(series: IntervalSeries): string[] {
  return operatingDates(series.calendar, series.startDate, dayCount(series));
}

/** Local start time `HH:MM` of interval `index` within a day. */
export function intervalStartLabel(calendar: SeriesCalendar, index: number): string {
  const minute = calendar.openMinute + index * calendar.intervalMinutes;
  const hh = String(Math.floor(minute / 60) % 24).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

/** Sub-series of whole days [fromDay, toDay). */
export function sliceDays(series: IntervalSeries, fromDay: number, toDay: number): IntervalSeries {
  const perDay = series.calendar.intervalsPerDay;
  const dates = seriesDates(series);
  const start = dates[fromDay];
  if (start === undefined) throw new Error(`day ${fromDay} out of range`);
  return {
    calendar: series.calendar,
    startDate: start,
    values: series.values.slice(fromDay * perDay, toDay * perDay),
  };
}

/**
 * Sum `factor` consecutive intervals into one (e.g. 5-min → 30-min with factor 6). A trailing
 * partial group at the end of each day is folded into the day's last full interval so no volume is lost.
 */
export function aggregateIntervals(series: IntervalSeries, factor: number): IntervalSeries {
  const { calendar } = series;
  const outPerDay = Math.floor(calendar.intervalsPerDay / factor);
  if (outPerDay < 1) throw new Error('aggregation factor exceeds intervals per day');
  const values: number[] = [];
  for (let day = 0; day < dayCount(series); day++) {
    const base = day * calendar.intervalsPerDay;
    for (let j = 0; j < outPerDay; j++) {
      const end = j === outPerDay - 1 ? calendar.intervalsPerDay : (j + 1) * factor;
      let sum = 0;
      for (let k = j * factor; k < end; k++) sum += series.values[base + k] ?? Number.NaN;
      values.push(sum);
    }
  }
  return {
    calendar: { ...calendar, intervalMinutes: calendar.intervalMinutes * factor, intervalsPerDay: outPerDay },
    startDate: series.startDate,
    values,
  };
}
