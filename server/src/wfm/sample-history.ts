import { createRng } from './rng.ts';
import { addCalendarDays, calendar24x7, type IntervalSeries } from './series.ts';

/** Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
export function poisson(rng: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  const u = Math.max(rng(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
}

/** Relative arrival rate at a local hour (fractional) of a social care desk: a late-morning and an evening peak. */
export function socialDeskShape(hour: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2) / 2);
  return 0.08 + 1.0 * bump(11, 2.2) + 0.8 * bump(19.5, 2.0);
}

export interface SampleHistoryOptions {
  intervalMinutes: number;
  weeks: number;
  /** Last date of the history (inclusive); the history ends the day before the forecast starts. */
  endDate: string;
  /** Contacts per day on a weekday at the start of the history. */
  weekdayDailyVolume?: number;
  seed?: number;
}

/**
 * A synthetic 24/7 history for demos and for accounts with too little of their own: two daily
 * peaks, weekends at 65% of weekdays, 1% growth a week, Poisson noise. Labelled as a sample
 * wherever it is shown; never mixed with real data.
 */
export function sampleHistory(options: SampleHistoryOptions): IntervalSeries {
  const calendar = calendar24x7(options.intervalMinutes);
  const rng = createRng(options.seed ?? 7);
  const days = options.weeks * 7;
  const startDate = addCalendarDays(options.endDate, 1 - days);
  const perDay = calendar.intervalsPerDay;
  let shapeTotal = 0;
  for (let j = 0; j < perDay; j++) shapeTotal += socialDeskShape(((j + 0.5) * options.intervalMinutes) / 60);
  const values: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekday = new Date(`${addCalendarDays(startDate, d)}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 0.65 : 1;
    const daily = (options.weekdayDailyVolume ?? 1200) * weekend * 1.01 ** (d / 7);
    for (let j = 0; j < perDay; j++) {
      const share = socialDeskShape(((j + 0.5) * options.intervalMinutes) / 60) / shapeTotal;
      values.push(poisson(rng, daily * share));
    }
  }
  return { calendar, startDate, values };
}
