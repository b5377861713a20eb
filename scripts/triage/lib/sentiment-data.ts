import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvObjects } from './csv.ts';
import type { LabelledText } from './train-linear.ts';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
const LABEL_INDEX: Record<string, number> = { negative: 0, neutral: 1, positive: 2 };

export interface SentimentSources {
  semeval: LabelledText[];
  airline: LabelledText[];
  extraction: LabelledText[];
  droppedAsValidation: number;
}

/** SemEval 2013–2016 pool without the rows flagged as TweetEval validation, plus the airline and extraction sets. */
export function loadSentimentTraining(dataDir: string): SentimentSources {
  const dir = join(dataDir, 'sentiment_train');
  const lines = readFileSync(join(dir, 'semeval2017_task4A_combined_dedup.tsv'), 'utf8').split('\n');
  const semeval: LabelledText[] = [];
  let droppedAsValidation = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    if (cells.length < 6) continue;
    if (cells[4] === '1') {
      droppedAsValidation++;
      continue;
    }
    const label = LABEL_INDEX[cells[1]!];
    if (label !== undefined) semeval.push({ text: cells[2]!, label });
  }
  const airline = parseCsvObjects(readFileSync(join(dir, 'airline', 'Tweets.csv'), 'utf8'))
    .map((row) => ({ text: row.text ?? '', label: LABEL_INDEX[row.airline_sentiment ?? ''] ?? -1 }))
    .filter((row) => row.label >= 0 && row.text);
  const extraction = parseCsvObjects(
    readFileSync(join(dir, 'extra', 'tweet_sentiment_extraction_train.csv'), 'utf8'),
  )
    .map((row) => ({ text: row.text ?? '', label: LABEL_INDEX[row.sentiment ?? ''] ?? -1 }))
    .filter((row) => row.label >= 0 && row.text.trim());
  return { semeval, airline, extraction, droppedAsValidation };
}

/** TweetEval sentiment validation split (0 negative, 1 neutral, 2 positive) — for choosing, never training. */
export function loadTweetEvalValidation(dataDir: string): LabelledText[] {
  const dir = join(dataDir, 'tweeteval', 'sentiment');
  const texts = readFileSync(join(dir, 'val_text.txt'), 'utf8').split('\n');
  const labels = readFileSync(join(dir, 'val_labels.txt'), 'utf8').split('\n');
  const out: LabelledText[] = [];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!.trim();
    if (label === '') continue;
    out.push({ text: texts[i] ?? '', label: Number(label) });
  }
  return out;
}
