const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Relative mention volume by hour of day (brand's local time = UTC in the simulation): a quiet night,
// a lunchtime bump and an evening peak, as social care teams see it. Normalised to mean 1 below.
const RAW_HOURLY = [
  0.35, 0.22, 0.15, 0.12, 0.12, 0.18, 0.35, 0.7, 1.05, 1.25, 1.3, 1.35, 1.5, 1.45, 1.3, 1.25, 1.3, 1.4, 1.55,
  1.7, 1.75, 1.55, 1.1, 0.65,
];
const HOURLY_MEAN = RAW_HOURLY.reduce((a, b) => a + b, 0) / 24;
// Monday first; weekends are quieter for a retail brand.
const WEEKDAY = [1.08, 1.05, 1.03, 1.02, 1.0, 0.92, 0.9];
const WEEKDAY_MEAN = WEEKDAY.reduce((a, b) => a + b, 0) / 7;

/** Expected volume at `at` relative to the weekly mean, interpolated between hours so it is smooth. */
export function seasonalFactor(at: number): number {
  const hourPosition = (((at % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const hour = Math.floor(hourPosition);
  const fraction = hourPosition - hour;
  const here = RAW_HOURLY[hour]!;
  const nextHour = RAW_HOURLY[(hour + 1) % 24]!;
  const hourly = (here + (nextHour - here) * fraction) / HOURLY_MEAN;
  // 1970-01-01 was a Thursday: shift so index 0 is Monday.
  const weekday = (Math.floor(at / DAY_MS) + 3) % 7;
  return (hourly * WEEKDAY[weekday]!) / WEEKDAY_MEAN;
}
