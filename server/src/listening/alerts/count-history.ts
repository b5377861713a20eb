const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const HOURS_PER_WEEK = 168;

/**
 * Mention counts of one series (all mentions, or negative ones) for one monitor: per minute for the
 * last hour (detection windows) and per hour for the last `weeks` weeks (seasonal baseline).
 * Fixed-size rings, so thousands of monitors cost a few kilobytes each.
 */
export class CountHistory {
  private readonly minuteCounts = new Float64Array(64);
  private readonly minuteIndex = new Float64Array(64).fill(-1);
  private readonly hourCounts: Float64Array;
  private readonly hourIndex: Float64Array;

  constructor(readonly weeks: number) {
    this.hourCounts = new Float64Array(HOURS_PER_WEEK * (weeks + 1));
    this.hourIndex = new Float64Array(HOURS_PER_WEEK * (weeks + 1)).fill(-1);
  }

  add(at: number, amount = 1): void {
    const minute = Math.floor(at / MINUTE_MS);
    const minuteSlot = minute % 64;
    if (this.minuteIndex[minuteSlot] !== minute) {
      if (this.minuteIndex[minuteSlot]! > minute) return; // older than the ring: only hours matter
      this.minuteIndex[minuteSlot] = minute;
      this.minuteCounts[minuteSlot] = 0;
    }
    this.minuteCounts[minuteSlot]! += amount;
    const hour = Math.floor(at / HOUR_MS);
    const hourSlot = hour % this.hourCounts.length;
    if (this.hourIndex[hourSlot] !== hour) {
      if (this.hourIndex[hourSlot]! > hour) return;
      this.hourIndex[hourSlot] = hour;
      this.hourCounts[hourSlot] = 0;
    }
    this.hourCounts[hourSlot]! += amount;
  }

  /** Mentions in the `minutes` whole minutes before minute index `endMinute` (exclusive). */
  windowCount(endMinute: number, minutes: number): number {
    let total = 0;
    for (let minute = endMinute - minutes; minute < endMinute; minute++) {
      const slot = ((minute % 64) + 64) % 64;
      if (this.minuteIndex[slot] === minute) total += this.minuteCounts[slot]!;
    }
    return total;
  }

  /** Count for an absolute hour index (hours since epoch); 0 if nothing was recorded. */
  hourCount(hour: number): number {
    const slot = hour % this.hourCounts.length;
    return this.hourIndex[slot] === hour ? this.hourCounts[slot]! : 0;
  }
}
