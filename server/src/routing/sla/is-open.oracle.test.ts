// isOpen against a direct reading of the calendar rules (Luxon local time, no interval arithmetic),
// away from clock changes where both must agree exactly.
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isOpen } from './business-time.ts';
import { type BusinessCalendar, type DayPeriod, periodSpanMinutes } from './calendar.ts';
import { calendarArb, instantArb } from './test-arbitraries.ts';

const DAY_MS = 86_400_000;

function periodsOf(calendar: BusinessCalendar, local: DateTime): DayPeriod[] {
  const date = local.toISODate()!;
  const special = calendar.specialDays.find((s) => s.date === date);
  if (special) return special.periods;
  if (calendar.holidays.includes(date)) return [];
  return calendar.periods.filter((p) => p.weekday === local.weekday);
}

function isOpenByRules(calendar: BusinessCalendar, instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone: calendar.timeZone });
  const minute = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / 60_000;
  if (calendar.holidays.includes(local.toISODate()!)) return false;
  const today = periodsOf(calendar, local).some((p) => {
    const [start, end] = periodSpanMinutes(p);
    return minute >= start && minute < end;
  });
  const yesterdaysTail = periodsOf(calendar, local.minus({ days: 1 })).some((p) => {
    const [, end] = periodSpanMinutes(p);
    return end > 1440 && minute < end - 1440;
  });
  return today || yesterdaysTail;
}

/** Instants anywhere, and instants around the calendar's own holidays and special days. */
const calendarWithInstantArb = calendarArb.chain((calendar) => {
  const dates = [...calendar.holidays, ...calendar.specialDays.map((s) => s.date)];
  const nearDates =
    dates.length === 0
      ? instantArb
      : fc
          .tuple(fc.constantFrom(...dates), fc.integer({ min: -2 * 1440, max: 2 * 1440 }))
          .map(([date, minutes]) => Date.parse(`${date}T00:00:00Z`) + minutes * 60_000);
  return fc.tuple(fc.constant(calendar), fc.oneof(instantArb, nearDates));
});

describe('isOpen (oracle)', () => {
  it('agrees with the calendar rules read directly, away from clock changes', () => {
    fc.assert(
      fc.property(calendarWithInstantArb, ([calendar, instant]) => {
        const zone = IANAZone.create(calendar.timeZone);
        fc.pre(zone.offset(instant - 2 * DAY_MS) === zone.offset(instant + 2 * DAY_MS));
        expect(isOpen(calendar, instant)).toBe(isOpenByRules(calendar, instant));
      }),
      { numRuns: 400 },
    );
  });
});
