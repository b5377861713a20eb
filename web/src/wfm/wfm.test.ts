import { describe, expect, it } from 'vitest';
import type { ScheduleTour } from './api.ts';
import { csvSource } from './csv-detect.ts';
import { intradayGaps } from './IntradayGap.tsx';
import { tourSegments } from './ScheduleGantt.tsx';
import {
  defaultWhatIf,
  intervalLabel,
  productiveOnDuty,
  staffingChannel,
  whatIfFromSettings,
} from './what-if.ts';

describe('workforce page helpers', () => {
  it('turns what-if settings into an Erlang C, Erlang A, chat or deferred staffing channel', () => {
    const volume = [10, 20];
    expect(staffingChannel(defaultWhatIf, volume)).toEqual({
      name: 'social',
      kind: 'immediate',
      volume,
      handleSeconds: 360,
      serviceLevel: 0.8,
      answerSeconds: 60,
    });
    expect(staffingChannel({ ...defaultWhatIf, patienceSeconds: 180, concurrency: 2 }, volume)).toMatchObject(
      {
        model: 'erlangA',
        patienceSeconds: 180,
        concurrency: 2,
      },
    );
    expect(staffingChannel({ ...defaultWhatIf, kind: 'deferred', responseSeconds: 7200 }, volume)).toEqual({
      name: 'social',
      kind: 'deferred',
      volume,
      handleSeconds: 360,
      responseSeconds: 7200,
      maxOccupancy: 0.9,
    });
  });

  it('takes shrinkage out of scheduled coverage to get productive agents', () => {
    expect(productiveOnDuty([10, 7, 0, 3.5], 0.3)).toEqual([7, 4, 0, 2]);
  });

  it('loads saved scenarios defensively', () => {
    expect(whatIfFromSettings({ serviceLevel: 0.9, kind: 'deferred', shrinkage: 'lots', extra: 1 })).toEqual({
      ...defaultWhatIf,
      serviceLevel: 0.9,
      kind: 'deferred',
    });
    expect(whatIfFromSettings({ patienceSeconds: null }).patienceSeconds).toBeNull();
  });

  it('labels intervals by local day and time', () => {
    expect(intervalLabel('2026-03-02', 30, 0)).toBe('Mon 03-02 00:00');
    expect(intervalLabel('2026-03-02', 30, 48 + 19)).toBe('Tue 03-03 09:30');
  });

  it('recognises interval-count and per-contact CSVs and the grain of counts', () => {
    expect(csvSource('timestamp,count\n2026-01-01 00:00,3\n2026-01-01 00:05,4\n', 30)).toMatchObject({
      csvFormat: 'intervals',
      csvIntervalMinutes: 5,
    });
    expect(csvSource('timestamp,count\n2026-01-01 00:00,3\n2026-01-01 00:30,4\n', 30)).toMatchObject({
      csvIntervalMinutes: 30,
    });
    expect(csvSource('timestamp,handle_seconds\n2026-01-01T00:00:00Z,300\n', 30)).toMatchObject({
      csvFormat: 'contacts',
    });
  });

  it('cuts breaks out of a shift for the Gantt chart, past midnight included', () => {
    const tour: ScheduleTour = {
      agentName: 'Ada',
      startMinute: 22 * 60,
      lengthMinutes: 8 * 60,
      paidHours: 37.5,
      days: [{ day: 6, breaks: [{ offsetMinutes: 240, minutes: 30 }] }],
    };
    const sunday = 6 * 1440 + 22 * 60;
    expect(tourSegments(tour)).toEqual([
      { day: 6, fromMinute: sunday, toMinute: sunday + 240, kind: 'work' },
      { day: 6, fromMinute: sunday + 240, toMinute: sunday + 270, kind: 'break' },
      { day: 6, fromMinute: sunday + 270, toMinute: sunday + 480, kind: 'work' },
    ]);
  });
});

describe('intraday gap', () => {
  it('compares required with scheduled from the current interval on', () => {
    expect(intradayGaps([5, 6, 7, 8], [6, 6, 5, 9], 1)).toEqual([
      { interval: 1, required: 6, scheduled: 6, gap: 0 },
      { interval: 2, required: 7, scheduled: 5, gap: -2 },
      { interval: 3, required: 8, scheduled: 9, gap: 1 },
    ]);
  });
});
