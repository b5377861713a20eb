import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, CalendarError, validateCalendar } from './calendar.ts';

const base: BusinessCalendar = {
  id: 'support',
  timeZone: 'Europe/London',
  periods: [{ weekday: 1, start: '09:00', end: '17:00' }],
  holidays: [],
  specialDays: [],
};

function problemsOf(calendar: BusinessCalendar): string[] {
  try {
    validateCalendar(calendar);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarError);
    return (error as CalendarError).problems;
  }
}

describe('validateCalendar', () => {
  it('accepts a sound calendar, overnight periods and 24:00 ends', () => {
    const calendar: BusinessCalendar = {
      ...base,
      periods: [
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '18:00' },
        { weekday: 5, start: '22:00', end: '02:00' },
        { weekday: 6, start: '00:00', end: '24:00' },
      ],
      holidays: ['2026-12-25'],
      specialDays: [{ date: '2026-12-24', periods: [{ start: '09:00', end: '13:00' }] }],
    };
    expect(validateCalendar(calendar)).toBe(calendar);
  });

  it('names every problem', () => {
    const problems = problemsOf({
      ...base,
      timeZone: 'Mars/Olympus',
      periods: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
        { weekday: 2, start: '9am', end: '17:00' },
        { weekday: 3, start: '10:00', end: '10:00' },
        { weekday: 8 as 1, start: '10:00', end: '11:00' },
      ],
      holidays: ['2026-02-30', '2026-12-25'],
      specialDays: [{ date: '2026-12-25', periods: [] }],
    });
    expect(problems).toEqual([
      'time zone "Mars/Olympus" is not an IANA zone (e.g. Europe/London)',
      'Monday: periods overlap',
      'Tuesday 9am–17:00: start must be HH:mm between 00:00 and 23:59',
      'Wednesday 10:00–10:00: start and end are equal (use 00:00–24:00 for a whole day)',
      'weekday 8 must be 1 (Monday) to 7 (Sunday)',
      'holiday "2026-02-30" is not a YYYY-MM-DD date',
      '2026-12-25 is both a holiday and a special day',
    ]);
  });

  it('requires at least one weekly period unless always open', () => {
    expect(problemsOf({ ...base, periods: [] })).toEqual([
      'at least one weekly period is required (or isAlwaysOpen)',
    ]);
    expect(problemsOf({ ...base, periods: [], isAlwaysOpen: true })).toEqual([]);
  });

  it('allows an overnight period beside an early one, rejects a 24:00 start', () => {
    expect(
      problemsOf({
        ...base,
        periods: [
          { weekday: 1, start: '01:00', end: '05:00' },
          { weekday: 1, start: '22:00', end: '03:00' },
        ],
      }),
    ).toEqual([]);
    expect(problemsOf({ ...base, periods: [{ weekday: 1, start: '24:00', end: '05:00' }] })).toHaveLength(1);
  });
});
