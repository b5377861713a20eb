// fast-check generators shared by the SLA property tests (imported only by *.test.ts files).
import fc from 'fast-check';
import { type BusinessCalendar, type DayPeriod, periodSpanMinutes, type WeeklyPeriod } from './calendar.ts';

export const DST_ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Sao_Paulo', // DST at midnight until 2019
  'Australia/Lord_Howe', // 30-minute shift
  'Asia/Kathmandu',
  'UTC',
] as const;

/** Instants near real clock changes, where calendars break first. */
const TRANSITIONS = [
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-04-04T16:00:00Z',
  '2026-10-03T16:00:00Z',
  '2018-11-04T03:00:00Z',
  '2019-02-17T02:00:00Z',
].map((iso) => Date.parse(iso));

const DAY_MS = 86_400_000;
const FROM = Date.parse('2018-06-01T00:00:00Z');
const TO = Date.parse('2027-06-01T00:00:00Z');

export const instantArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }))
    .map(([t, shift]) => t + shift),
  // Whole minutes, so instants land exactly on period boundaries some of the time.
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 1440, max: 3 * 1440 }))
    .map(([t, minutes]) => t + minutes * 60_000),
);

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to two same-day periods plus, sometimes, one overnight period starting after them. */
const dayPeriodsArb: fc.Arbitrary<DayPeriod[]> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 5 }),
    fc.integer({ min: 0, max: 1439 }),
  )
  .map(([points, overnightEnd]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const periods: DayPeriod[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      periods.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    }
    const last = sorted.length % 2 === 1 ? sorted[sorted.length - 1]! : null;
    if (last !== null && last > 0 && last < 1440) {
      const end = overnightEnd % last; // before the start: runs into the next day
      periods.push({ start: hhmm(last), end: hhmm(end) });
    }
    return periods;
  });

const dateArb = fc
  .integer({ min: Math.floor(FROM / DAY_MS), max: Math.floor(TO / DAY_MS) })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

export const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...DST_ZONES),
    week: fc.array(dayPeriodsArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(dateArb, { maxLength: 40 }),
    special: fc.array(fc.tuple(dateArb, dayPeriodsArb), { maxLength: 10 }),
  })
  .map(({ timeZone, week, holidays, special }) => {
    const periods: WeeklyPeriod[] = week.flatMap((day, index) =>
      day.map((p) => ({ ...p, weekday: (index + 1) as WeeklyPeriod['weekday'] })),
    );
    const holidaySet = new Set(holidays);
    const specialDays = [...new Map(special.filter(([date]) => !holidaySet.has(date))).entries()].map(
      ([date, dayPeriods]) => ({ date, periods: dayPeriods }),
    );
    return { id: 'random', timeZone, periods, holidays, specialDays };
  })
  // At least 4 open hours a week keeps the longest generated deadline within a few months.
  .filter((calendar) => weeklyOpenMinutes(calendar.periods) >= 240);

function weeklyOpenMinutes(periods: WeeklyPeriod[]): number {
  return periods.reduce((sum, p) => {
    const [start, end] = periodSpanMinutes(p);
    return sum + end - start;
  }, 0);
}

/** Business durations from zero to three days, not only whole minutes. */
export const durationArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 3 * DAY_MS }),
  fc.integer({ min: 0, max: 48 * 60 }).map((minutes) => minutes * 60_000),
);
