// Business-hours values for reporting events: the account's default calendar from routing (24/7
// when it has none), so business time equals wall-clock time until a calendar is set.
import { type BusinessCalendar, businessTimeBetween, isOpen } from '../routing/index.ts';

export interface Clocks {
  calendar: BusinessCalendar;
  /** Wall-clock and business seconds between two instants. */
  between(from: Date, to: Date): { wall: number; business: number };
  isBusinessHours(at: Date): boolean;
}

export function clocksFor(calendar: BusinessCalendar): Clocks {
  return {
    calendar,
    between(from, to) {
      const wall = (to.getTime() - from.getTime()) / 1000;
      const business = businessTimeBetween(calendar, from.getTime(), to.getTime()) / 1000;
      return { wall, business };
    },
    isBusinessHours: (at) => isOpen(calendar, at.getTime()),
  };
}
