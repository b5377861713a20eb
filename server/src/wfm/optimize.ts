/** Nelder–Mead simplex minimisation; small and derivative-free, enough for 2–4 smoothing parameters. */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; maxEvaluations?: number; tolerance?: number } = {},
): { x: number[]; value: number } {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-7;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  let evaluations = simplex.length;
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    simplex = order.map((i) => simplex[i] ?? []);
    values = order.map((i) => values[i] ?? 0);
    const best = values[0] ?? 0;
    const worst = values[n] ?? 0;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + 1e-12)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + (p[j] ?? 0), 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * ((simplex[n]?.[j] ?? 0) - c));
    const reflected = along(-1);
    const fr = f(reflected);
    evaluations++;
    if (fr < best) {
      const expanded = along(-2);
      const fe = f(expanded);
      evaluations++;
      simplex[n] = fe < fr ? expanded : reflected;
      values[n] = Math.min(fe, fr);
    } else if (fr < (values[n - 1] ?? 0)) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const contracted = fr < worst ? along(-0.5) : along(0.5);
      const fc = f(contracted);
      evaluations++;
      if (fc < Math.min(fr, worst)) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        const bestPoint = simplex[0] ?? start;
        for (let i = 1; i <= n; i++) {
          simplex[i] = bestPoint.map((b, j) => b + 0.5 * ((simplex[i]?.[j] ?? 0) - b));
          values[i] = f(simplex[i] ?? []);
          evaluations++;
        }
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: simplex[i] ?? start, value: values[i] ?? Number.NaN };
}

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));
export const logit = (p: number) => Math.log(p / (1 - p));
