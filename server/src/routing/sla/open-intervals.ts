// Turns a calendar into the sorted, merged stream of its open intervals [start, end) in epoch ms.
// Civil dates are handled as day numbers (days since 1970-01-01) and converted with the zone's UTC
// offsets, so every daylight-saving rule comes from the IANA database via Luxon.
import { IANAZone } from 'luxon';
import {
  type BusinessCalendar,
  CalendarError,
  type DayPeriod,
  type EpochMs,
  periodSpanMinutes,
} from './calendar.ts';

export type Interval = readonly [start: EpochMs, end: EpochMs];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar with no open time for this long is broken, not just on holiday. */
const MAX_CLOSED_DAYS = 3 * 366;
const CHUNK_MS = 7 * DAY_MS;

interface DayIntervals {
  intervals: Interval[];
  /** Local midnight at the end of the day: no later day's period starts before it. */
  nextMidnight: EpochMs;
}

interface CompiledCalendar {
  zone: IANAZone;
  weekly: [number, number][][]; // index 1..7 → local minute spans
  holidays: Set<number>;
  specialDays: Map<number, [number, number][]>;
  dayCache: Map<number, DayIntervals>;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();
// Calendars usually arrive as fresh objects (one per database read): reuse work by content too.
const compiledByContent = new Map<string, CompiledCalendar>();
const MAX_COMPILED_BY_CONTENT = 200;

export function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function spans(periods: DayPeriod[]): [number, number][] {
  return periods.map(periodSpanMinutes).sort((a, b) => a[0] - b[0]);
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar);
  if (result) return result;
  const key = JSON.stringify(calendar);
  result = compiledByContent.get(key);
  if (!result) {
    const weekly: [number, number][][] = [[], [], [], [], [], [], [], []];
    for (let weekday = 1; weekday <= 7; weekday++) {
      weekly[weekday] = spans(calendar.periods.filter((p) => p.weekday === weekday));
    }
    result = {
      zone: IANAZone.create(calendar.timeZone),
      weekly,
      holidays: new Set(calendar.holidays.map(dayNumberOf)),
      specialDays: new Map(calendar.specialDays.map((s) => [dayNumberOf(s.date), spans(s.periods)])),
      dayCache: new Map(),
    };
    if (compiledByContent.size >= MAX_COMPILED_BY_CONTENT) compiledByContent.clear();
    compiledByContent.set(key, result);
  }
  compiled.set(calendar, result);
  return result;
}

/** Local civil day number of an instant in the zone. */
export function localDayOf(zone: IANAZone, instant: EpochMs): number {
  return Math.floor((instant + zone.offset(instant) * MINUTE_MS) / DAY_MS);
}

/**
 * The first instant at which the wall clock shows `minutes` after midnight of `dayNumber`. A time
 * repeated when clocks go back takes its first occurrence; a time skipped when clocks go forward
 * takes the end of the gap (the first instant the clock shows a later time).
 */
export function localToInstant(zone: IANAZone, dayNumber: number, minutes: number): EpochMs {
  const naive = dayNumber * DAY_MS + minutes * MINUTE_MS;
  let best = Number.POSITIVE_INFINITY;
  for (const probe of [naive - DAY_MS / 2, naive, naive + DAY_MS / 2]) {
    const offset = zone.offset(probe);
    const candidate = naive - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset && candidate < best) best = candidate;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // In a gap: binary search for the first minute whose local reading is at or after `naive`.
  let low = naive - zone.offset(naive + DAY_MS / 2) * MINUTE_MS; // reads earlier than naive
  let high = naive - zone.offset(naive - DAY_MS / 2) * MINUTE_MS; // reads at or after naive
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (middle + zone.offset(middle) * MINUTE_MS >= naive) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Converter for wall-clock minutes of `day` (0 up to 2880, i.e. into the next day). Most days have
 * no clock change nearby and need one offset; the others take the exact path.
 */
function dayConverter(zone: IANAZone, day: number): (minutes: number) => EpochMs {
  // Probes a day either side of the two local days (offsets are within ±14 h); real clock changes
  // are weeks apart, so equal offsets at three probes mean no change in between.
  const before = zone.offset((day - 1) * DAY_MS);
  if (before === zone.offset((day + 1) * DAY_MS) && before === zone.offset((day + 3) * DAY_MS)) {
    return (minutes) => day * DAY_MS + (minutes - before) * MINUTE_MS;
  }
  return (minutes) => localToInstant(zone, day + Math.floor(minutes / 1440), minutes % 1440);
}

function spansForDay(cal: CompiledCalendar, day: number): [number, number][] {
  const special = cal.specialDays.get(day);
  if (special) return special;
  if (cal.holidays.has(day)) return [];
  return cal.weekly[weekdayOf(day)] ?? [];
}

/** Intervals of the periods that belong to `day`, sorted; a holiday next day cuts overnight tails. */
function intervalsOfDay(cal: CompiledCalendar, day: number): DayIntervals {
  const cached = cal.dayCache.get(day);
  if (cached) return cached;
  const nextDayIsHoliday = cal.holidays.has(day + 1);
  const daySpans = spansForDay(cal, day);
  const toInstant = dayConverter(cal.zone, day);
  const result: Interval[] = [];
  for (const [startMinute, endMinute] of daySpans) {
    const start = toInstant(startMinute);
    const end = toInstant(nextDayIsHoliday ? Math.min(endMinute, 1440) : endMinute);
    if (end > start) result.push([start, end]);
  }
  const entry = { intervals: result, nextMidnight: toInstant(1440) };
  if (cal.dayCache.size > 20_000) cal.dayCache.clear();
  cal.dayCache.set(day, entry);
  return entry;
}

/**
 * Open intervals from `from` onwards, sorted and disjoint (touching or overlapping periods join, except
 * that open time running for days is cut into week-long chunks), the first clipped to start no earlier
 * than `from`. Infinite for a valid calendar; stop iterating when done.
 */
export function* openIntervalsFrom(calendar: BusinessCalendar, from: EpochMs): Generator<Interval> {
  if (!Number.isFinite(from)) throw new RangeError(`instant must be finite epoch ms, got ${from}`);
  if (calendar.isAlwaysOpen) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  const cal = compile(calendar);
  // The previous day's overnight period may still be running at `from`.
  let day = localDayOf(cal.zone, from) - 1;
  let pending: [number, number] | null = null;
  // Everything before this instant has been yielded (or is before `from`).
  let emittedUntil = from;
  let closedDays = 0;
  for (;;) {
    const { intervals, nextMidnight } = intervalsOfDay(cal, day);
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) {
      throw new CalendarError([`calendar ${calendar.id} has no open time for ${MAX_CLOSED_DAYS} days`]);
    }
    for (const [start, end] of intervals) {
      if (end <= emittedUntil) continue;
      const clippedStart = Math.max(start, emittedUntil);
      if (pending && clippedStart <= pending[1]) {
        pending[1] = Math.max(pending[1], end);
        continue;
      }
      if (pending) yield pending;
      pending = [clippedStart, end];
    }
    // Periods of later days start after this day's local midnight, so a pending interval that ends
    // before it is final. A calendar open around the clock would merge forever: yield it in chunks.
    if (pending && (pending[1] < nextMidnight || pending[1] - pending[0] >= CHUNK_MS)) {
      yield pending;
      emittedUntil = pending[1];
      pending = null;
    }
    day++;
  }
}
