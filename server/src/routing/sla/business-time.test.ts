import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time.ts';
import { alwaysOpenCalendar, type BusinessCalendar, type WeeklyPeriod } from './calendar.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function everyDay(start: string, end: string): WeeklyPeriod[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start, end }));
}

function calendar(
  timeZone: string,
  periods: WeeklyPeriod[],
  extra: Partial<BusinessCalendar> = {},
): BusinessCalendar {
  return { id: 'test', timeZone, periods, holidays: [], specialDays: [], ...extra };
}

describe('daylight-saving days (hand-worked)', () => {
  it('Europe/London 2026-03-29 (clocks go forward at 01:00 GMT)', () => {
    const nineToFive = calendar('Europe/London', everyDay('09:00', '17:00'));
    expect(businessTimeBetween(nineToFive, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(
      8 * HOUR,
    );
    // 09:00 BST is 08:00 UTC on the change day.
    expect(nextOpening(nineToFive, at('2026-03-29T00:00:00Z'))).toBe(at('2026-03-29T08:00:00Z'));
    const night = calendar('Europe/London', everyDay('00:00', '03:00'));
    expect(businessTimeBetween(night, at('2026-03-29T00:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(2 * HOUR);
    // A period wholly inside the gap opens when the clock jumps and closes at 02:30 BST.
    const inGap = calendar('Europe/London', [{ weekday: 7, start: '01:30', end: '02:30' }]);
    expect(nextOpening(inGap, at('2026-03-29T00:00:00Z'))).toBe(at('2026-03-29T01:00:00Z'));
    expect(businessTimeBetween(inGap, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(HOUR / 2);
  });

  it('Europe/London 2026-10-25 (clocks go back at 02:00 BST)', () => {
    const nineToFive = calendar('Europe/London', everyDay('09:00', '17:00'));
    expect(businessTimeBetween(nineToFive, at('2026-10-25T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(
      8 * HOUR,
    );
    const night = calendar('Europe/London', everyDay('00:00', '03:00'));
    // 00:00 BST (23:00 UTC the day before) to 03:00 GMT: four hours.
    expect(businessTimeBetween(night, at('2026-10-24T22:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(4 * HOUR);
    expect(addBusinessTime(night, at('2026-10-24T23:00:00Z'), 4 * HOUR)).toBe(at('2026-10-25T03:00:00Z'));
    // 01:30 happens twice; the period opens at the first (BST, 00:30 UTC) and closes at 03:00 GMT.
    const repeated = calendar('Europe/London', [{ weekday: 7, start: '01:30', end: '03:00' }]);
    expect(nextOpening(repeated, at('2026-10-24T22:00:00Z'))).toBe(at('2026-10-25T00:30:00Z'));
    expect(businessTimeBetween(repeated, at('2026-10-24T22:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(
      2.5 * HOUR,
    );
  });

  it('America/New_York 2026-03-08 and 2026-11-01', () => {
    const nineToFive = calendar('America/New_York', everyDay('09:00', '17:00'));
    for (const day of ['2026-03-08', '2026-11-01']) {
      expect(businessTimeBetween(nineToFive, at(`${day}T00:00:00Z`), at(`${day}T23:59:00Z`))).toBe(8 * HOUR);
    }
    const night = calendar('America/New_York', everyDay('00:00', '04:00'));
    expect(businessTimeBetween(night, at('2026-03-08T04:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe(3 * HOUR);
    expect(businessTimeBetween(night, at('2026-11-01T03:00:00Z'), at('2026-11-01T12:00:00Z'))).toBe(5 * HOUR);
    // Saturday 15:00 EST + 3 h: 2 h on Saturday, then 1 h from 09:00 EDT on Sunday.
    expect(iso(addBusinessTime(nineToFive, at('2026-03-07T20:00:00Z'), 3 * HOUR))).toBe(
      '2026-03-08T14:00:00.000Z',
    );
  });

  it('Australia/Sydney changes in April and October', () => {
    const nineToFive = calendar('Australia/Sydney', everyDay('09:00', '17:00'));
    // 2026-04-05 09:00 AEST = 23:00 UTC on the 4th.
    expect(nextOpening(nineToFive, at('2026-04-04T14:00:00Z'))).toBe(at('2026-04-04T23:00:00Z'));
    const night = calendar('Australia/Sydney', everyDay('00:00', '04:00'));
    // Back at 03:00 AEDT on 2026-04-05: 5 h; forward at 02:00 AEST on 2026-10-04: 3 h.
    expect(businessTimeBetween(night, at('2026-04-04T12:00:00Z'), at('2026-04-05T00:00:00Z'))).toBe(5 * HOUR);
    expect(businessTimeBetween(night, at('2026-10-03T13:00:00Z'), at('2026-10-04T00:00:00Z'))).toBe(3 * HOUR);
  });

  it('America/Sao_Paulo 2018-11-04, when clocks jumped from midnight to 01:00', () => {
    const cal = calendar('America/Sao_Paulo', [
      { weekday: 6, start: '22:00', end: '24:00' },
      { weekday: 7, start: '00:00', end: '02:00' },
    ]);
    // Saturday 22:00 -03 (01:00 UTC) to Sunday 02:00 -02 (04:00 UTC), with no open time lost to the jump.
    expect(nextOpening(cal, at('2018-11-03T12:00:00Z'))).toBe(at('2018-11-04T01:00:00Z'));
    expect(businessTimeBetween(cal, at('2018-11-03T12:00:00Z'), at('2018-11-05T00:00:00Z'))).toBe(3 * HOUR);
    expect(isOpen(cal, at('2018-11-04T03:30:00Z'))).toBe(true);
    expect(isOpen(cal, at('2018-11-04T04:00:00Z'))).toBe(false);
  });

  it('an overnight period across the spring gap is an hour shorter', () => {
    const saturdayNight = calendar('Europe/London', [{ weekday: 6, start: '22:00', end: '02:00' }]);
    // Sat 2026-03-28 22:00 GMT to Sun 02:00 BST (01:00 UTC).
    expect(businessTimeBetween(saturdayNight, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(
      3 * HOUR,
    );
    expect(isOpen(saturdayNight, at('2026-03-29T00:59:00Z'))).toBe(true);
    expect(isOpen(saturdayNight, at('2026-03-29T01:00:00Z'))).toBe(false);
  });
});

describe('periods, holidays and special days', () => {
  const office = calendar('Asia/Kolkata', [
    { weekday: 1, start: '08:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '18:00' },
    { weekday: 5, start: '22:00', end: '02:00' },
  ]);

  it('skips the lunch gap and stops at the exact end of a period', () => {
    // Monday 2026-11-23 11:00 IST = 05:30 UTC.
    const monday11 = at('2026-11-23T05:30:00Z');
    expect(businessTimeBetween(office, monday11, at('2026-11-23T08:30:00Z'))).toBe(2 * HOUR);
    expect(addBusinessTime(office, monday11, HOUR)).toBe(at('2026-11-23T06:30:00Z'));
    expect(addBusinessTime(office, monday11, 1.5 * HOUR)).toBe(at('2026-11-23T08:00:00Z'));
    expect(isOpen(office, at('2026-11-23T07:00:00Z'))).toBe(false);
    expect(nextOpening(office, at('2026-11-23T07:00:00Z'))).toBe(at('2026-11-23T07:30:00Z'));
  });

  it('runs a Friday night period into Saturday', () => {
    // Fri 2026-11-27 22:00 IST = 16:30 UTC, until Sat 02:00 IST = 20:30 UTC.
    expect(isOpen(office, at('2026-11-27T19:00:00Z'))).toBe(true);
    expect(addBusinessTime(office, at('2026-11-27T12:00:00Z'), 4 * HOUR)).toBe(at('2026-11-27T20:30:00Z'));
    // Monday 08:00 IST after the period ends.
    expect(nextOpening(office, at('2026-11-27T20:30:00Z'))).toBe(at('2026-11-30T02:30:00Z'));
  });

  it('closes holidays for the whole local date, including an overnight tail', () => {
    const withHolidays = { ...office, holidays: ['2026-11-23', '2026-11-28'] };
    expect(isOpen(withHolidays, at('2026-11-23T05:30:00Z'))).toBe(false);
    // Friday's period stops at Saturday 00:00 IST (18:30 UTC).
    expect(businessTimeBetween(withHolidays, at('2026-11-27T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toBe(
      2 * HOUR,
    );
  });

  it('uses special-day periods instead of the weekly ones', () => {
    const withSpecial = {
      ...office,
      specialDays: [{ date: '2026-11-24', periods: [{ start: '10:00', end: '11:00' }] }],
    };
    expect(isOpen(withSpecial, at('2026-11-24T04:45:00Z'))).toBe(true);
    const closedMonday = { ...office, specialDays: [{ date: '2026-11-23', periods: [] }] };
    expect(businessTimeBetween(closedMonday, at('2026-11-23T00:00:00Z'), at('2026-11-24T00:00:00Z'))).toBe(0);
  });

  it('24/7 is wall-clock time', () => {
    const open = alwaysOpenCalendar();
    expect(addBusinessTime(open, at('2026-03-29T00:30:00Z'), 5 * HOUR)).toBe(at('2026-03-29T05:30:00Z'));
    expect(businessTimeBetween(open, at('2026-03-29T00:30:00Z'), at('2026-03-28T00:30:00Z'))).toBe(
      -24 * HOUR,
    );
    expect(isOpen(open, 0)).toBe(true);
  });

  it('zero business time from a closed instant is the next opening', () => {
    expect(addBusinessTime(office, at('2026-11-23T07:00:00Z'), 0)).toBe(at('2026-11-23T07:30:00Z'));
    expect(() => addBusinessTime(office, 0, -1)).toThrow(RangeError);
    expect(() => isOpen(office, Number.NaN)).toThrow(RangeError);
  });
});
