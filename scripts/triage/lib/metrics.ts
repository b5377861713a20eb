export interface ClassificationReport {
  accuracy: number;
  macroRecall: number;
  macroF1: number;
  recall: Record<string, number>;
  f1: Record<string, number>;
  /** confusion[gold][predicted] */
  confusion: number[][];
}

export function classificationReport(
  classes: readonly string[],
  gold: number[],
  predicted: number[],
): ClassificationReport {
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    confusion[gold[i]!]![predicted[i]!]!++;
    if (gold[i] === predicted[i]) correct++;
  }
  const recall: Record<string, number> = {};
  const f1: Record<string, number> = {};
  let recallSum = 0;
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const row = confusion[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, r) => a + r[c]!, 0);
    const tp = row[c]!;
    const r = support ? tp / support : 0;
    const p = predictedCount ? tp / predictedCount : 0;
    recall[classes[c]!] = r;
    f1[classes[c]!] = p + r ? (2 * p * r) / (p + r) : 0;
    if (support > 0) {
      present++;
      recallSum += r;
      f1Sum += f1[classes[c]!]!;
    }
  }
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroRecall: present ? recallSum / present : 0,
    macroF1: present ? f1Sum / present : 0,
    recall,
    f1,
    confusion,
  };
}

export function formatConfusion(classes: readonly string[], confusion: number[][]): string {
  const width = Math.max(9, ...classes.map((c) => c.length + 1));
  const head =
    'gold\\pred'.padEnd(width) + classes.map((c) => c.slice(0, width - 1).padStart(width)).join('');
  const lines = confusion.map(
    (row, i) => classes[i]!.padEnd(width) + row.map((n) => String(n).padStart(width)).join(''),
  );
  return [head, ...lines].join('\n');
}
