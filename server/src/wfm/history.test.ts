import { describe, expect, it } from 'vitest';
import { formatSeriesCsv, parseContactsCsv, parseIntervalCountsCsv } from './csv.ts';
import { bucketContacts } from './history.ts';
import { intradayStaffingGap, reforecastIntraday } from './intraday.ts';
import { aggregateIntervals, type SeriesCalendar } from './series.ts';

const weekdays: SeriesCalendar = {
  intervalMinutes: 30,
  openMinute: 7 * 60,
  intervalsPerDay: 28,
  operatingWeekdays: [1, 2, 3, 4, 5],
};

describe('history import', () => {
  it('parses the bank shape onto a weekday calendar, leaving missing days as gaps', () => {
    const csv = [
      'date,interval_index,interval_start_local,calls',
      '2003-03-07,1,07:00,10',
      '2003-03-07,2,07:30,12',
      // Monday 2003-03-10 is absent (holiday); Tuesday has one interval.
      '2003-03-11,28,20:30,5',
    ].join('\n');
    const series = parseIntervalCountsCsv(csv, weekdays);
    expect(series.startDate).toBe('2003-03-07');
    expect(series.values).toHaveLength(3 * 28);
    expect(series.values.slice(0, 2)).toEqual([10, 12]);
    expect(Number.isNaN(series.values[28] ?? 0)).toBe(true);
    expect(series.values[3 * 28 - 1]).toBe(5);
    expect(() => parseIntervalCountsCsv('timestamp,count\n2003-03-08 09:00,4\n', weekdays)).toThrow(
      /outside/,
    );
    const back = parseIntervalCountsCsv(formatSeriesCsv(series), weekdays);
    expect(back.values.slice(0, 2)).toEqual([10, 12]);
  });

  it('buckets one-row-per-contact CSV by local wall-clock time, with handle times', () => {
    const csv = [
      'timestamp,handle_seconds',
      '2024-03-29T07:05:00-04:00,300', // Friday 07:05 New York → interval 0
      '2024-03-29T11:29:00Z,100', // 07:29 local → interval 0
      '2024-03-29T07:31:00-04:00,', // interval 1, no handle time
      '2024-03-30T10:00:00-04:00,60', // Saturday: outside the calendar
      '2024-04-01T20:59:00-04:00,90', // Monday, last interval
    ].join('\n');
    const history = bucketContacts(parseContactsCsv(csv), weekdays, { zone: 'America/New_York' });
    expect(history.volume.startDate).toBe('2024-03-29');
    expect(history.volume.values.slice(0, 2)).toEqual([2, 1]);
    expect(history.meanHandleSeconds.values[0]).toBe(200);
    expect(Number.isNaN(history.meanHandleSeconds.values[1] ?? 0)).toBe(true);
    expect(history.volume.values[2 * 28 - 1]).toBe(1);
    expect(history.outsideHours).toBe(1);
  });

  it('aggregates 5-minute counts to 30 minutes, folding the odd last interval in', () => {
    const calendar: SeriesCalendar = {
      intervalMinutes: 5,
      openMinute: 420,
      intervalsPerDay: 169,
      operatingWeekdays: [1, 2, 3, 4, 5],
    };
    const series = { calendar, startDate: '2003-03-03', values: Array.from({ length: 169 }, () => 1) };
    const agg = aggregateIntervals(series, 6);
    expect(agg.calendar.intervalsPerDay).toBe(28);
    expect(agg.values[0]).toBe(6);
    expect(agg.values[27]).toBe(7);
    expect(agg.values.reduce((a, b) => a + b, 0)).toBe(169);
  });
});

describe('intraday', () => {
  it('re-forecasts the rest of the day with a damped ratio and reports the gap now', () => {
    const forecast = Array.from({ length: 10 }, () => 100);
    const early = reforecastIntraday({ forecast, actualSoFar: [150] });
    const late = reforecastIntraday({ forecast, actualSoFar: [150, 150, 150, 150, 150, 150] });
    expect(early.rawRatio).toBe(1.5);
    // 100 expected vs k = 200 → weight 1/3; 600 expected → weight 0.75.
    expect(early.appliedRatio).toBeCloseTo(1 + 0.5 / 3, 12);
    expect(late.appliedRatio).toBeCloseTo(1.375, 12);
    expect(late.reforecast.slice(5, 7)).toEqual([150, 137.5]);
    const gaps = intradayStaffingGap(
      late,
      Array.from({ length: 10 }, () => 10),
      6,
      (volume) => Math.ceil(volume / 10),
    );
    expect(gaps[0]).toEqual({ interval: 6, required: 14, onDuty: 10, gap: -4 });
  });
});
