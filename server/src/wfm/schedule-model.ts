import { lpTerms } from './highs-solver.ts';
import type { ScheduleProblem } from './schedule.ts';
import { buildShiftTypes, type ShiftType, shiftCoverage } from './shift-patterns.ts';

export interface Model {
  lp: string;
  types: ShiftType[];
  /** Coverage terms per interval (coefficient, variable), to evaluate a candidate solution. */
  coverage: [number, string][][];
}

export const tourVar = (s: number, p: number) => `x_${s}_${p}`;
export const dayVar = (s: number, d: number) => `n_${s}_${d}`;
export const breakVar = (s: number, d: number, b: number) => `b_${s}_${d}_${b}`;
export const shortVar = (t: number) => `u_${t}`;

/**
 * Weekly tour MIP. x[s,p]: agents on shift type s with days-off pattern p; n[s,d] = Σ_{p works d}
 * x[s,p] agents on s on day d; b[s,d,v] of them take break variant v (Σ_v b = n). Coverage is
 * counted implicitly — the full span of n minus the breaks — which keeps each coverage row short;
 * u[t] ≥ 0 is the shortfall. Minimise paid hours + penalty·Σu s.t. coverage + u ≥ requirement.
 */
export interface ModelVariant {
  /** Which variables must be integer. */
  integer: 'none' | 'tours' | 'all';
  /** Only these tour columns exist (all when absent). */
  columns?: Set<string>;
  lowerBounds?: Map<string, number>;
  /** Tour counts fixed to these values. */
  fixed?: Map<string, number>;
}

export function buildModel(problem: ScheduleProblem, variant: ModelVariant): Model {
  const { columns } = variant;
  const { rules } = problem;
  const types = buildShiftTypes(rules, rules.breakStepMinutes);
  const horizon = ((24 * 60) / rules.intervalMinutes) * rules.days;
  if (problem.required.length !== horizon) throw new Error(`requirement must have ${horizon} intervals`);
  const penalty = problem.understaffPenalty ?? 10;
  const objective: [number, string][] = [];
  const coverage: [number, string][][] = Array.from({ length: horizon }, () => []);
  const rows: string[] = [];
  const integers: string[] = [];
  types.forEach((type, s) => {
    if (columns && !rules.daysOffPatterns.some((_, p) => columns.has(tourVar(s, p)))) return;
    rules.daysOffPatterns.forEach((pattern, p) => {
      if (columns && !columns.has(tourVar(s, p))) return;
      objective.push([(type.paidMinutes / 60) * pattern.filter(Boolean).length, tourVar(s, p)]);
      if (variant.integer !== 'none') integers.push(tourVar(s, p));
    });
    for (let d = 0; d < rules.days; d++) {
      const link: [number, string][] = [[1, dayVar(s, d)]];
      rules.daysOffPatterns.forEach((pattern, p) => {
        if (pattern[d] && (!columns || columns.has(tourVar(s, p)))) link.push([-1, tourVar(s, p)]);
      });
      rows.push(` l_${s}_${d}: ${lpTerms(link)} = 0`);
      for (const { interval } of shiftCoverage({ ...type, breakVariants: [[]] }, d, 0, rules)) {
        coverage[interval]?.push([1, dayVar(s, d)]);
      }
      const breaks: [number, string][] = [[1, dayVar(s, d)]];
      type.breakVariants.forEach((away, v) => {
        if (away.length === 0) return;
        breaks.push([-1, breakVar(s, d, v)]);
        if (variant.integer === 'all') integers.push(breakVar(s, d, v));
        const first = d * ((24 * 60) / rules.intervalMinutes) + type.startMinute / rules.intervalMinutes;
        for (const [offset, fraction] of away)
          coverage[(first + offset) % horizon]?.push([-fraction, breakVar(s, d, v)]);
      });
      if (breaks.length > 1) rows.push(` k_${s}_${d}: ${lpTerms(breaks)} = 0`);
    }
  });
  for (let t = 0; t < horizon; t++) {
    objective.push([penalty, shortVar(t)]);
    const terms = coverage[t] ?? [];
    rows.push(` c_${t}: ${lpTerms([...terms, [1, shortVar(t)]])} >= ${problem.required[t] ?? 0}`);
    const min = problem.minStaff?.[t];
    if (min !== undefined && min > 0 && terms.length > 0) rows.push(` mn_${t}: ${lpTerms(terms)} >= ${min}`);
    const max = problem.maxStaff?.[t];
    if (max !== undefined && terms.length > 0) rows.push(` mx_${t}: ${lpTerms(terms)} <= ${max}`);
  }
  const generals = integers.length > 0 ? `General\n ${integers.join('\n ')}\n` : '';
  const bounds = [
    ...[...(variant.lowerBounds ?? [])].filter(([, v]) => v > 0).map(([name, v]) => ` ${name} >= ${v}`),
    ...[...(variant.fixed ?? [])].map(([name, v]) => ` ${name} = ${v}`),
  ];
  const boundSection = bounds.length > 0 ? `Bounds\n${bounds.join('\n')}\n` : '';
  const lp = `Minimize\n obj: ${lpTerms(objective)}\nSubject To\n${rows.join('\n')}\n${boundSection}${generals}End\n`;
  return { lp, types, coverage };
}

/**
 * A full feasible start from tour counts: n from the tours; breaks either spread like the
 * reference LP solution (fractional) or placed greedily one agent at a time where the
 * coverage surplus is largest (integer); u = the remaining shortfall.
 */
export function completeStart(
  problem: ScheduleProblem,
  model: Model,
  tours: Map<string, number>,
  reference: Map<string, number>,
  integerBreaks = false,
): Map<string, number> {
  const { rules } = problem;
  const perDay = (24 * 60) / rules.intervalMinutes;
  const horizon = perDay * rules.days;
  const start = new Map(tours);
  const surplus = problem.required.map((r) => -r);
  const groups: { s: number; d: number; n: number }[] = [];
  model.types.forEach((type, s) => {
    if (!rules.daysOffPatterns.some((_, p) => tours.has(tourVar(s, p)))) return;
    for (let d = 0; d < rules.days; d++) {
      let n = 0;
      rules.daysOffPatterns.forEach((pattern, p) => {
        if (pattern[d]) n += tours.get(tourVar(s, p)) ?? 0;
      });
      start.set(dayVar(s, d), n);
      for (const { interval } of shiftCoverage({ ...type, breakVariants: [[]] }, d, 0, rules)) {
        surplus[interval] = (surplus[interval] ?? 0) + n;
      }
      if (type.breakVariants.some((away) => away.length > 0)) groups.push({ s, d, n });
    }
  });
  for (const { s, d, n } of groups) {
    const type = model.types[s];
    if (!type) continue;
    const first = d * perDay + type.startMinute / rules.intervalMinutes;
    const counts = type.breakVariants.map(() => 0);
    if (integerBreaks) {
      for (let k = 0; k < n; k++) {
        let best = 0;
        let bestScore = Number.NEGATIVE_INFINITY;
        type.breakVariants.forEach((away, v) => {
          const score = Math.min(...away.map(([o, f]) => (surplus[(first + o) % horizon] ?? 0) - f));
          if (score > bestScore) {
            bestScore = score;
            best = v;
          }
        });
        counts[best] = (counts[best] ?? 0) + 1;
        for (const [o, f] of type.breakVariants[best] ?? [])
          surplus[(first + o) % horizon] = (surplus[(first + o) % horizon] ?? 0) - f;
      }
    } else {
      const weights = type.breakVariants.map((_, v) => Math.max(0, reference.get(breakVar(s, d, v)) ?? 0));
      const total = weights.reduce((a, b) => a + b, 0);
      weights.forEach((w, v) => {
        counts[v] = total > 0 ? (w / total) * n : n / weights.length;
        for (const [o, f] of type.breakVariants[v] ?? []) {
          surplus[(first + o) % horizon] = (surplus[(first + o) % horizon] ?? 0) - f * (counts[v] ?? 0);
        }
      });
    }
    counts.forEach((c, v) => {
      start.set(breakVar(s, d, v), c);
    });
  }
  surplus.forEach((x, t) => {
    start.set(shortVar(t), Math.max(0, -x));
  });
  return start;
}
