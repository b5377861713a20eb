/** log Γ(x) by Lanczos (g = 7), accurate to ~1e-13 for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * P(X ≥ count) for X ~ Poisson(mean): the chance of seeing at least this many mentions if nothing
 * happened. Exact summation of the upper tail (only used where count > mean, where terms shrink).
 */
export function poissonUpperTail(count: number, mean: number): number {
  if (count <= 0) return 1;
  if (mean <= 0) return 0;
  if (count <= mean) return 1; // not a rise; callers only care about small tails
  let logTerm = count * Math.log(mean) - mean - logGamma(count + 1);
  let total = 0;
  for (let k = count; k < count + 1000; k++) {
    const term = Math.exp(logTerm);
    total += term;
    if (term < total * 1e-12) break;
    logTerm += Math.log(mean) - Math.log(k + 1);
  }
  return Math.min(1, total);
}
