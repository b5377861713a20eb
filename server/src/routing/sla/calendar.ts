// Business-hours calendars as data, and their validation. Instants are epoch milliseconds (UTC);
// wall-clock times and dates are read in the calendar's IANA time zone.
import { DateTime, IANAZone } from 'luxon';

export type EpochMs = number;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * An opening period of one day. `end` at or before `start` means the period runs past midnight into
 * the next day (Fri 22:00–02:00 belongs to Friday); `end` may be '24:00' to close at midnight.
 */
export interface DayPeriod {
  start: string; // 'HH:mm', 00:00–23:59
  end: string; // 'HH:mm', 00:00–24:00
}

export interface WeeklyPeriod extends DayPeriod {
  weekday: Weekday;
}

/** A date with its own periods instead of the weekly ones (an empty list closes the day). */
export interface SpecialDay {
  date: string; // 'YYYY-MM-DD' in the calendar's zone
  periods: DayPeriod[];
}

export interface BusinessCalendar {
  id: string;
  name?: string;
  timeZone: string;
  /** Open every instant; periods, holidays and special days are ignored. */
  isAlwaysOpen?: boolean;
  periods: WeeklyPeriod[];
  /** Dates closed from 00:00 to 24:00 local, including the tail of the previous day's overnight period. */
  holidays: string[];
  specialDays: SpecialDay[];
}

export const ALWAYS_OPEN_CALENDAR_ID = '24x7';

export function alwaysOpenCalendar(id: string = ALWAYS_OPEN_CALENDAR_ID): BusinessCalendar {
  return {
    id,
    name: 'Always open (24/7)',
    timeZone: 'UTC',
    isAlwaysOpen: true,
    periods: [],
    holidays: [],
    specialDays: [],
  };
}

export class CalendarError extends Error {
  readonly code = 'invalid_business_calendar';
  constructor(readonly problems: string[]) {
    super(`Invalid business calendar: ${problems.join('; ')}`);
    this.name = 'CalendarError';
  }
}

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes after local midnight; '24:00' is 1440. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Local [start, end) in minutes from the owning day's midnight; overnight periods end past 1440. */
export function periodSpanMinutes(period: DayPeriod): [number, number] {
  const start = minutesOfDay(period.start);
  const end = minutesOfDay(period.end);
  return [start, end > start ? end : end + 1440];
}

function checkPeriods(periods: DayPeriod[], where: string, problems: string[]): void {
  const spans: [number, number][] = [];
  for (const period of periods) {
    const label = `${where} ${period.start}–${period.end}`;
    if (!TIME_PATTERN.test(period.start) || period.start === '24:00') {
      problems.push(`${label}: start must be HH:mm between 00:00 and 23:59`);
      continue;
    }
    if (!TIME_PATTERN.test(period.end)) {
      problems.push(`${label}: end must be HH:mm between 00:00 and 24:00`);
      continue;
    }
    if (period.start === period.end) {
      problems.push(`${label}: start and end are equal (use 00:00–24:00 for a whole day)`);
      continue;
    }
    spans.push(periodSpanMinutes(period));
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) problems.push(`${where}: periods overlap`);
  }
}

function isRealDate(date: string, zone: string): boolean {
  return DATE_PATTERN.test(date) && DateTime.fromISO(date, { zone }).isValid;
}

/** Checks a calendar and returns it unchanged; throws CalendarError listing every problem. */
export function validateCalendar(calendar: BusinessCalendar): BusinessCalendar {
  const problems: string[] = [];
  if (!calendar.id) problems.push('id is required');
  if (!IANAZone.isValidZone(calendar.timeZone)) {
    problems.push(`time zone "${calendar.timeZone}" is not an IANA zone (e.g. Europe/London)`);
  }
  if (calendar.isAlwaysOpen) {
    if (problems.length > 0) throw new CalendarError(problems);
    return calendar;
  }
  const zone = IANAZone.isValidZone(calendar.timeZone) ? calendar.timeZone : 'UTC';
  if (calendar.periods.length === 0)
    problems.push('at least one weekly period is required (or isAlwaysOpen)');
  const names = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  for (let weekday = 1; weekday <= 7; weekday++) {
    checkPeriods(
      calendar.periods.filter((p) => p.weekday === weekday),
      names[weekday]!,
      problems,
    );
  }
  for (const period of calendar.periods) {
    if (!Number.isInteger(period.weekday) || period.weekday < 1 || period.weekday > 7) {
      problems.push(`weekday ${period.weekday} must be 1 (Monday) to 7 (Sunday)`);
    }
  }
  const holidays = new Set<string>();
  for (const date of calendar.holidays) {
    if (!isRealDate(date, zone)) problems.push(`holiday "${date}" is not a YYYY-MM-DD date`);
    if (holidays.has(date)) problems.push(`holiday ${date} is listed twice`);
    holidays.add(date);
  }
  const specialDates = new Set<string>();
  for (const special of calendar.specialDays) {
    if (!isRealDate(special.date, zone))
      problems.push(`special day "${special.date}" is not a YYYY-MM-DD date`);
    if (specialDates.has(special.date)) problems.push(`special day ${special.date} is listed twice`);
    if (holidays.has(special.date)) problems.push(`${special.date} is both a holiday and a special day`);
    specialDates.add(special.date);
    checkPeriods(special.periods, `special day ${special.date}`, problems);
  }
  if (problems.length > 0) throw new CalendarError(problems);
  return calendar;
}
