import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Builds the word-polarity table embedded in the sentiment model from the AFINN-165 list (MIT, via the
 * `sentiment` package) and the VADER lexicon (Apache-2.0, via `vader-sentiment`), scaled to [-1, 1].
 * Only single lower-case words are kept: the tokeniser never produces multi-word keys.
 */
export async function buildLexicon(): Promise<Record<string, number>> {
  const afinnPath = join(
    dirname(require.resolve('sentiment/package.json')),
    'languages',
    'en',
    'labels.json',
  );
  const afinn = JSON.parse(readFileSync(afinnPath, 'utf8')) as Record<string, number>;
  const vaderPath = join(dirname(require.resolve('vader-sentiment/package.json')), 'src', 'vader_lexicon.js');
  const vader = ((await import(vaderPath)) as { lexicon: Record<string, number> }).lexicon;
  const sums = new Map<string, { total: number; count: number }>();
  const add = (word: string, score: number) => {
    if (!/^[a-z][a-z']*$/.test(word)) return;
    const entry = sums.get(word) ?? { total: 0, count: 0 };
    entry.total += score;
    entry.count++;
    sums.set(word, entry);
  };
  for (const [word, score] of Object.entries(afinn)) add(word, score / 5);
  for (const [word, score] of Object.entries(vader)) add(word, score / 4);
  const out: Record<string, number> = {};
  for (const [word, { total, count }] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
    out[word] = Math.round((total / count) * 100) / 100;
  }
  return out;
}
