/**
 * Shift patterns for a cyclic planning week. A daily shift is (start, length, break placement);
 * a weekly tour repeats one start and length on the working days of a days-off pattern, with a
 * break placement chosen per day. Intervals wrap around the week, so a Sunday-night shift
 * finishes on Monday morning of the same (repeating) week.
 */
export interface BreakRule {
  label: string;
  /** Applies to shifts at least this long. */
  minShiftMinutes: number;
  durationMinutes: number;
  /** Window for the break start, minutes after shift start. */
  earliestStartMinutes: number;
  latestStartMinutes: number;
  isPaid: boolean;
}

export interface ShiftRules {
  intervalMinutes: number;
  /** Days in the planning horizon (7 for a week). */
  days: number;
  /** Shifts may start every this many minutes (a multiple of the interval). */
  startEveryMinutes: number;
  /** Allowed start minutes of day, inclusive range; default the whole day (24/7). */
  earliestStartMinute?: number;
  latestStartMinute?: number;
  lengthsMinutes: number[];
  breaks: BreakRule[];
  /** Break windows are sampled every this many minutes to form break variants; default the interval. */
  breakStepMinutes?: number;
  /** Days-off patterns: each is a boolean per day, true = works. */
  daysOffPatterns: boolean[][];
}

export interface ShiftType {
  id: string;
  startMinute: number;
  lengthMinutes: number;
  paidMinutes: number;
  /** Break variants: each lists [intervalOffsetFromStart, fractionAway] pairs. */
  breakVariants: [number, number][][];
}

/** Work `workDays` consecutive days (cyclically) out of `days`: e.g. 5 of 7 → 7 patterns. */
export function consecutiveWorkPatterns(days: number, workDays: number): boolean[][] {
  return Array.from({ length: days }, (_, first) =>
    Array.from({ length: days }, (_, d) => (d - first + days) % days < workDays),
  );
}

function breakPlacements(rule: BreakRule, intervalMinutes: number, stepMinutes: number): number[] {
  const starts: number[] = [];
  for (let m = rule.earliestStartMinutes; m <= rule.latestStartMinutes; m += stepMinutes) starts.push(m);
  return starts.map((m) => m / intervalMinutes);
}

/**
 * Break variants for one shift. Placing every break independently multiplies variants, so variant
 * k puts each break at its k-th allowed start (clipped to its window): breaks move together, which
 * keeps the model small while every break still lies inside its window.
 */
function variantsFor(
  lengthMinutes: number,
  rules: ShiftRules,
  variantStepMinutes: number,
): [number, number][][] {
  const applicable = rules.breaks.filter((b) => lengthMinutes >= b.minShiftMinutes);
  if (applicable.length === 0) return [[]];
  const placements = applicable.map((b) => breakPlacements(b, rules.intervalMinutes, variantStepMinutes));
  const count = Math.max(...placements.map((p) => p.length));
  return Array.from({ length: count }, (_, k) => {
    const away = new Map<number, number>();
    applicable.forEach((rule, r) => {
      const starts = placements[r] ?? [];
      const start = starts[Math.min(k, starts.length - 1)] ?? 0;
      // A break may cover part of an interval (15 min at 30-min grain): that interval loses the fraction.
      let remaining = rule.durationMinutes / rules.intervalMinutes;
      let offset = Math.floor(start);
      let first = 1 - (start - offset);
      while (remaining > 1e-9) {
        const part = Math.min(first, remaining);
        away.set(offset, (away.get(offset) ?? 0) + part);
        remaining -= part;
        offset++;
        first = 1;
      }
    });
    return [...away.entries()];
  });
}

export function buildShiftTypes(rules: ShiftRules, variantStepMinutes = rules.intervalMinutes): ShiftType[] {
  if (rules.startEveryMinutes % rules.intervalMinutes !== 0)
    throw new Error('start step must be a multiple of the interval');
  const earliest = rules.earliestStartMinute ?? 0;
  const latest = rules.latestStartMinute ?? 24 * 60 - rules.startEveryMinutes;
  const types: ShiftType[] = [];
  for (let start = earliest; start <= latest; start += rules.startEveryMinutes) {
    for (const length of rules.lengthsMinutes) {
      if (length % rules.intervalMinutes !== 0) throw new Error('shift lengths must be whole intervals');
      const unpaid = rules.breaks
        .filter((b) => length >= b.minShiftMinutes && !b.isPaid)
        .reduce((s, b) => s + b.durationMinutes, 0);
      types.push({
        id: `s${start}_${length}`,
        startMinute: start,
        lengthMinutes: length,
        paidMinutes: length - unpaid,
        breakVariants: variantsFor(length, rules, variantStepMinutes),
      });
    }
  }
  return types;
}

/** Coverage (agents present, fractional during partial breaks) a shift contributes to each interval of the week. */
export function shiftCoverage(
  type: ShiftType,
  day: number,
  variant: number,
  rules: ShiftRules,
): { interval: number; presence: number }[] {
  const perDay = (24 * 60) / rules.intervalMinutes;
  const horizon = perDay * rules.days;
  const first = day * perDay + type.startMinute / rules.intervalMinutes;
  const away = new Map(type.breakVariants[variant] ?? []);
  const out: { interval: number; presence: number }[] = [];
  for (let k = 0; k < type.lengthMinutes / rules.intervalMinutes; k++) {
    const presence = 1 - (away.get(k) ?? 0);
    if (presence > 1e-9) out.push({ interval: (first + k) % horizon, presence });
  }
  return out;
}
