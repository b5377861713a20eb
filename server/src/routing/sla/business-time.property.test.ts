import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time.ts';
import { alwaysOpenCalendar, type BusinessCalendar, validateCalendar } from './calendar.ts';
import { calendarArb, DST_ZONES, durationArb, instantArb } from './test-arbitraries.ts';

const RUNS = { numRuns: 250 };

describe('business time (property)', () => {
  it('generated calendars are valid', () => {
    fc.assert(
      fc.property(calendarArb, (calendar) => {
        validateCalendar(calendar);
      }),
      RUNS,
    );
  });

  it('a deadline is an open instant or the exact end of an open period', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (calendar, start, duration) => {
        const deadline = addBusinessTime(calendar, start, duration);
        expect(deadline).toBeGreaterThanOrEqual(start);
        expect(isOpen(calendar, deadline) || (duration > 0 && isOpen(calendar, deadline - 1))).toBe(true);
      }),
      RUNS,
    );
  });

  it('businessTimeBetween(start, addBusinessTime(start, d)) === d', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (calendar, start, duration) => {
        expect(businessTimeBetween(calendar, start, addBusinessTime(calendar, start, duration))).toBe(
          duration,
        );
      }),
      RUNS,
    );
  });

  it('deadlines are monotone in the duration', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (calendar, start, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(calendar, start, shorter)).toBeLessThanOrEqual(
          addBusinessTime(calendar, start, longer),
        );
      }),
      RUNS,
    );
  });

  it('business time is additive and never exceeds wall-clock time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (calendar, a, x, y) => {
        const b = a + x;
        const c = b + y;
        const ab = businessTimeBetween(calendar, a, b);
        expect(ab).toBeLessThanOrEqual(x);
        expect(businessTimeBetween(calendar, a, c)).toBe(ab + businessTimeBetween(calendar, b, c));
      }),
      RUNS,
    );
  });

  it('nextOpening is open and nothing before it is', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (calendar, instant) => {
        const opening = nextOpening(calendar, instant);
        expect(isOpen(calendar, opening)).toBe(true);
        expect(businessTimeBetween(calendar, instant, opening)).toBe(0);
      }),
      RUNS,
    );
  });

  it('24/7 equals wall-clock addition, also when written as 00:00–24:00 in a DST zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DST_ZONES), instantArb, durationArb, (timeZone, start, duration) => {
        const allDay: BusinessCalendar = {
          id: 'all-day',
          timeZone,
          periods: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
            weekday,
            start: '00:00',
            end: '24:00',
          })),
          holidays: [],
          specialDays: [],
        };
        expect(addBusinessTime(alwaysOpenCalendar(), start, duration)).toBe(start + duration);
        expect(addBusinessTime(allDay, start, duration)).toBe(start + duration);
        expect(businessTimeBetween(allDay, start, start + duration)).toBe(duration);
      }),
      RUNS,
    );
  });
});
