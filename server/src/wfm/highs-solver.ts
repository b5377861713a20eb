import highsModule, { type Highs, type HighsSolution } from 'highs';

type Loader = () => Promise<Highs>;
// The package is CommonJS-typed; under NodeNext its default export surfaces as `.default`.
const loadHighs: Loader =
  (highsModule as unknown as { default?: Loader }).default ?? (highsModule as unknown as Loader);

let instance: Promise<Highs> | undefined;

/** The HiGHS WASM runtime, loaded once per process. */
export function getHighs(): Promise<Highs> {
  if (!instance) instance = loadHighs();
  return instance;
}

export interface SolveOutcome {
  status: string;
  objective: number;
  values: Map<string, number>;
}

/** Solve an LP-format model; throws unless HiGHS reports a usable solution. */
export async function solveLp(
  lp: string,
  options: {
    timeLimitSeconds?: number;
    relativeGap?: number;
    interiorPoint?: boolean;
    heuristicEffort?: number;
  } = {},
) {
  const highs = await getHighs();
  const result: HighsSolution = highs.solve(lp, {
    output_flag: false,
    ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
    ...(options.relativeGap !== undefined ? { mip_rel_gap: options.relativeGap } : {}),
    // Interior point + crossover solves these degenerate covering LPs ~10× faster than simplex in WASM.
    ...(options.heuristicEffort !== undefined ? { mip_heuristic_effort: options.heuristicEffort } : {}),
    ...(options.interiorPoint ? { solver: 'ipm' as const } : {}),
  });
  const hasColumns = Object.keys(result.Columns).length > 0;
  const usable =
    result.Status === 'Optimal' ||
    (result.Status === 'Time limit reached' && Number.isFinite(result.ObjectiveValue) && hasColumns);
  if (!usable) throw new Error(`solver status: ${result.Status}`);
  const values = new Map<string, number>();
  for (const [name, column] of Object.entries(result.Columns))
    values.set(name, (column as { Primal: number }).Primal);
  return { status: result.Status, objective: result.ObjectiveValue, values } satisfies SolveOutcome;
}

/** Write `coef name` terms, several per line (LP files allow continuation lines). */
export function lpTerms(terms: [number, string][]): string {
  const parts = terms.map(
    ([c, v], i) =>
      `${i === 0 ? (c < 0 ? '-' : '') : c < 0 ? '- ' : '+ '}${Math.abs(c) === 1 ? '' : `${Math.abs(c)} `}${v}`,
  );
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 12) lines.push(parts.slice(i, i + 12).join(' '));
  return lines.join('\n  ');
}

const modelStatusNames: Record<number, string> = { 7: 'Optimal', 13: 'Time limit reached' };

/**
 * MIP solve seeded with a feasible start (column name → value), so a time-limited run always
 * returns at least that solution. HiGHS then improves it by branch-and-cut.
 */
export async function solveMipFrom(
  lp: string,
  start: Map<string, number>,
  options: { timeLimitSeconds: number; relativeGap: number; heuristicEffort?: number },
): Promise<SolveOutcome> {
  const highs = await getHighs();
  return highs.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      mip_rel_gap: options.relativeGap,
      ...(options.heuristicEffort !== undefined ? { mip_heuristic_effort: options.heuristicEffort } : {}),
    });
    const indices: number[] = [];
    const values: number[] = [];
    for (const [name, value] of start) {
      indices.push(model.getColByName(name));
      values.push(value);
    }
    model.setSolution({ indices, values });
    model.run();
    const status = modelStatusNames[model.getModelStatus()] ?? `status ${model.getModelStatus()}`;
    if (!(status in { Optimal: 1, 'Time limit reached': 1 })) throw new Error(`solver status: ${status}`);
    const colValue = model.getSolution().colValue;
    const solved = new Map<string, number>();
    colValue.forEach((v, i) => {
      solved.set(model.getColName(i), v);
    });
    return { status, objective: model.getObjectiveValue(), values: solved };
  });
}
