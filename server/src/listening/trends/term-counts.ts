import { poissonUpperTail } from '../alerts/poisson-tail.ts';
import { type ContentTermOptions, contentTerms } from './content-terms.ts';

/** How many posts contain each term (document frequency), over `documents` posts. */
export interface TermCounts {
  documents: number;
  counts: Map<string, number>;
}

export function countTerms(texts: Iterable<string>, options: ContentTermOptions = {}): TermCounts {
  const counts = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const term of contentTerms(text, options)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return { documents, counts };
}

export interface TopTerm {
  term: string;
  count: number;
  /** Share of posts containing the term. */
  share: number;
  isPhrase: boolean;
}

/** Most frequent terms and phrases; `kind` keeps only words or only two-word phrases. */
export function topTerms(
  counts: TermCounts,
  options: { limit?: number; kind?: 'all' | 'words' | 'phrases'; minCount?: number } = {},
): TopTerm[] {
  const kind = options.kind ?? 'all';
  const minCount = options.minCount ?? 2;
  const rows: TopTerm[] = [];
  for (const [term, count] of counts.counts) {
    const isPhrase = term.includes(' ');
    if (count < minCount || (kind === 'words' && isPhrase) || (kind === 'phrases' && !isPhrase)) continue;
    rows.push({ term, count, share: count / Math.max(1, counts.documents), isPhrase });
  }
  rows.sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1));
  return rows.slice(0, options.limit ?? 20);
}

export interface EmergingTerm {
  term: string;
  count: number;
  /** Posts expected to contain the term at the baseline rate. */
  expected: number;
  ratio: number;
  /** −log10 of the chance of seeing this many at the baseline rate; higher is more surprising. */
  surprise: number;
}

/**
 * Terms bursting now against their own baseline: the baseline share of posts containing the term
 * (smoothed, so brand-new terms are comparable) scaled to the current number of posts.
 */
export function emergingTerms(
  current: TermCounts,
  baseline: TermCounts,
  options: { limit?: number; minCount?: number; minRatio?: number; minSurprise?: number } = {},
): EmergingTerm[] {
  const minCount = options.minCount ?? 5;
  const minRatio = options.minRatio ?? 3;
  const minSurprise = options.minSurprise ?? 4;
  const rows: EmergingTerm[] = [];
  for (const [term, count] of current.counts) {
    if (count < minCount) continue;
    const baselineRate = ((baseline.counts.get(term) ?? 0) + 0.5) / (baseline.documents + 1);
    const expected = baselineRate * current.documents;
    const ratio = count / expected;
    if (ratio < minRatio) continue;
    const surprise = -Math.log10(Math.max(poissonUpperTail(count, expected), 1e-300));
    if (surprise < minSurprise) continue;
    rows.push({ term, count, expected, ratio, surprise });
  }
  rows.sort((a, b) => b.surprise - a.surprise || (a.term < b.term ? -1 : 1));
  return rows.slice(0, options.limit ?? 10);
}
