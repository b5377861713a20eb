import { lpTerms, solveLp, solveMipFrom } from './highs-solver.ts';
import { buildShiftTypes, type ShiftRules, type ShiftType, shiftCoverage } from './shift-patterns.ts';

export interface ScheduleProblem {
  rules: ShiftRules;
  /** Agents needed per interval of the week (after shrinkage), length days × intervals/day. */
  required: number[];
  /** Hard floor/ceiling on agents present per interval (optional). */
  minStaff?: number[];
  maxStaff?: number[];
  /** Cost per agent-interval below requirement, in paid-hour units (default 10). */
  understaffPenalty?: number;
  timeLimitSeconds?: number;
  relativeGap?: number;
}

/** One staffed weekly tour: same start and length on each working day of its days-off pattern. */
export interface Tour {
  shift: ShiftType;
  daysOffPattern: number;
  /** Working days, with the break variant chosen for each. */
  days: { day: number; breakVariant: number }[];
  paidHours: number;
}

export interface CoverageRow {
  interval: number;
  required: number;
  scheduled: number;
  /** scheduled − required (negative = under-staffed). */
  gap: number;
}

export interface ScheduleResult {
  tours: Tour[];
  coverage: CoverageRow[];
  paidHours: number;
  understaffedAgentIntervals: number;
  objective: number;
  lpBound: number;
  /** (objective − LP bound) / LP bound, percent: how far the integer plan can be from optimal. */
  gapToLpPct: number;
  patterns: number;
  status: string;
  solveSeconds: number;
}

interface Model {
  lp: string;
  types: ShiftType[];
  /** Coverage terms per interval (coefficient, variable), to evaluate a candidate solution. */
  coverage: [number, string][][];
}

const tourVar = (s: number, p: number) => `x_${s}_${p}`;
const dayVar = (s: number, d: number) => `n_${s}_${d}`;
const breakVar = (s: number, d: number, b: number) => `b_${s}_${d}_${b}`;
const shortVar = (t: number) => `u_${t}`;

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

function buildModel(problem: ScheduleProblem, variant: ModelVariant): Model {
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

/** Coverage each interval actually receives from a list of tours (recomputed from the tours themselves). */
export function tourCoverage(tours: readonly Tour[], rules: ShiftRules): number[] {
  const horizon = ((24 * 60) / rules.intervalMinutes) * rules.days;
  const cover = new Array<number>(horizon).fill(0);
  for (const tour of tours) {
    for (const { day, breakVariant } of tour.days) {
      for (const { interval, presence } of shiftCoverage(tour.shift, day, breakVariant, rules)) {
        cover[interval] = (cover[interval] ?? 0) + presence;
      }
    }
  }
  return cover;
}

function extractTours(problem: ScheduleProblem, types: ShiftType[], values: Map<string, number>): Tour[] {
  const { rules } = problem;
  const tours: Tour[] = [];
  types.forEach((shift, s) => {
    // Break-variant slots per day, handed out to this shift's tours working that day.
    const slots = Array.from({ length: rules.days }, (_, d) =>
      shift.breakVariants.flatMap((away, b) =>
        away.length === 0 ? [] : new Array<number>(Math.round(values.get(breakVar(s, d, b)) ?? 0)).fill(b),
      ),
    );
    rules.daysOffPatterns.forEach((pattern, p) => {
      const count = Math.round(values.get(tourVar(s, p)) ?? 0);
      for (let k = 0; k < count; k++) {
        const days = pattern.flatMap((works, day) =>
          works ? [{ day, breakVariant: slots[day]?.pop() ?? 0 }] : [],
        );
        tours.push({ shift, daysOffPattern: p, days, paidHours: (shift.paidMinutes / 60) * days.length });
      }
    });
  });
  return tours;
}

/**
 * A full feasible start from tour counts: n from the tours; breaks either spread like the
 * reference LP solution (fractional) or placed greedily one agent at a time where the
 * coverage surplus is largest (integer); u = the remaining shortfall.
 */
function completeStart(
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

/**
 * Price-and-branch: solve the LP relaxation of the full model (interior point; this is the bound
 * we report against), then the MIP restricted to the tour columns the LP uses. The restricted
 * MIP is small enough for HiGHS to close; its gap is measured against the *full* LP bound, so the
 * restriction cannot hide anything.
 */
export async function solveSchedule(problem: ScheduleProblem, now: () => number = () => performance.now()) {
  const started = now();
  const full = buildModel(problem, { integer: 'none' });
  const relaxed = await solveLp(full.lp, { interiorPoint: true });
  const support = new Set(
    [...relaxed.values].filter(([name, v]) => name.startsWith('x_') && v > 1e-6).map(([n]) => n),
  );
  // Stage 1: integer tours over the LP's support, breaks still fractional. Rounding every LP tour
  // count up is feasible (an extra agent adds its span and at most a partial break), so HiGHS starts
  // from that and improves it.
  const rounded = new Map(
    [...support].map((name) => [name, Math.ceil((relaxed.values.get(name) ?? 0) - 1e-6)]),
  );
  const tourModel = buildModel(problem, { integer: 'tours', columns: support });
  const budget = (problem.timeLimitSeconds ?? 25) - (now() - started) / 1000;
  const tourStage = await solveMipFrom(
    tourModel.lp,
    completeStart(problem, tourModel, rounded, relaxed.values),
    {
      timeLimitSeconds: Math.max(1, budget * 0.75),
      relativeGap: problem.relativeGap ?? 0.002,
      heuristicEffort: 0.3,
    },
  );
  // Stage 2: keep those tours (more may be added), place every break as an integer.
  const fixed = new Map([...support].map((name) => [name, Math.round(tourStage.values.get(name) ?? 0)]));
  const breakModel = buildModel(problem, { integer: 'all', columns: support, lowerBounds: fixed });
  const solved = await solveMipFrom(
    breakModel.lp,
    completeStart(problem, breakModel, fixed, tourStage.values, true),
    {
      timeLimitSeconds: Math.max(1, (problem.timeLimitSeconds ?? 25) - (now() - started) / 1000),
      relativeGap: problem.relativeGap ?? 0.002,
    },
  );
  const solveSeconds = (now() - started) / 1000;
  const tours = extractTours(problem, full.types, solved.values);
  const cover = tourCoverage(tours, problem.rules);
  const coverage = problem.required.map((required, interval) => {
    const scheduled = cover[interval] ?? 0;
    return { interval, required, scheduled, gap: scheduled - required };
  });
  const paidHours = tours.reduce((s, t) => s + t.paidHours, 0);
  const understaffed = coverage.reduce((s, c) => s + Math.max(0, -c.gap), 0);
  const objective = paidHours + (problem.understaffPenalty ?? 10) * understaffed;
  return {
    tours,
    coverage,
    paidHours,
    understaffedAgentIntervals: understaffed,
    objective,
    lpBound: relaxed.objective,
    gapToLpPct: relaxed.objective > 0 ? (100 * (objective - relaxed.objective)) / relaxed.objective : 0,
    patterns: full.types.length,
    status: solved.status,
    solveSeconds,
  } satisfies ScheduleResult;
}
