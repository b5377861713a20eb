import type { BucketedHistory } from './history.ts';
import { gridIndex } from './history.ts';
import { addCalendarDays, operatingDaysBetween, type SeriesCalendar } from './series.ts';

/** Contacts already counted per local interval (e.g. by the database): date, minute of day, sums. */
export interface IntervalBucket {
  /** Local ISO date `YYYY-MM-DD`. */
  date: string;
  /** Local minute of day at which the bucket starts. */
  minuteOfDay: number;
  count: number;
  /** Sum of handle seconds over the contacts that carried one, and how many did. */
  handleSecondsSum?: number;
  handleCount?: number;
}

/**
 * Lay pre-counted buckets on the calendar grid from `fromDate` to `toDate` (inclusive, local dates):
 * intervals with no bucket are 0 (nothing arrived), not missing. Buckets outside the grid are
 * reported in `outsideHours`. Several buckets may land in one interval (finer input grain): they add.
 */
export function seriesFromBuckets(
  buckets: readonly IntervalBucket[],
  calendar: SeriesCalendar,
  fromDate: string,
  toDate: string,
): BucketedHistory {
  const days = operatingDaysBetween(calendar, fromDate, addCalendarDays(toDate, 1));
  const size = days * calendar.intervalsPerDay;
  const counts = new Array<number>(size).fill(0);
  const handleSum = new Array<number>(size).fill(0);
  const handleCount = new Array<number>(size).fill(0);
  let outsideHours = 0;
  for (const b of buckets) {
    const i = gridIndex(calendar, fromDate, b.date, b.minuteOfDay);
    if (i < 0 || i >= size) {
      outsideHours += b.count;
      continue;
    }
    counts[i] = (counts[i] ?? 0) + b.count;
    handleSum[i] = (handleSum[i] ?? 0) + (b.handleSecondsSum ?? 0);
    handleCount[i] = (handleCount[i] ?? 0) + (b.handleCount ?? 0);
  }
  return {
    volume: { calendar, startDate: fromDate, values: counts },
    meanHandleSeconds: {
      calendar,
      startDate: fromDate,
      values: handleSum.map((s, i) => ((handleCount[i] ?? 0) > 0 ? s / (handleCount[i] ?? 1) : Number.NaN)),
    },
    outsideHours,
  };
}
