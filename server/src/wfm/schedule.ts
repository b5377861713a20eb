import { solveLp, solveMipFrom } from './highs-solver.ts';
import { breakVar, buildModel, completeStart, tourVar } from './schedule-model.ts';
import { type ShiftRules, type ShiftType, shiftCoverage } from './shift-patterns.ts';

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
