// Business-time arithmetic over a calendar's open intervals. All instants are epoch ms.
import type { BusinessCalendar, EpochMs } from './calendar.ts';
import { openIntervalsFrom } from './open-intervals.ts';

export function isOpen(calendar: BusinessCalendar, instant: EpochMs): boolean {
  for (const [start] of openIntervalsFrom(calendar, instant)) return start === instant;
  return false;
}

/** `instant` itself when open, else the start of the next open period. */
export function nextOpening(calendar: BusinessCalendar, instant: EpochMs): EpochMs {
  for (const [start] of openIntervalsFrom(calendar, instant)) return start;
  throw new Error('unreachable: open intervals never end');
}

/**
 * The instant at which `ms` of open time has elapsed since `start`. The result is always an open
 * instant or the exact end of an open period (never inside closed time); 0 ms gives the next opening.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: EpochMs, ms: number): EpochMs {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`business time must be a finite ms >= 0, got ${ms}`);
  let remaining = ms;
  for (const [open, close] of openIntervalsFrom(calendar, start)) {
    if (remaining <= close - open) return open + remaining;
    remaining -= close - open;
  }
  throw new Error('unreachable: open intervals never end');
}

/** Open time between two instants; negative when `to` is before `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: EpochMs, to: EpochMs): number {
  if (to < from) return -businessTimeBetween(calendar, to, from);
  let total = 0;
  for (const [open, close] of openIntervalsFrom(calendar, from)) {
    if (open >= to) break;
    total += Math.min(close, to) - open;
  }
  return total;
}
