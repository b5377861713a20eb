import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENT_LABELS } from '../../../server/src/triage/types.ts';
import { parseCsvObjects } from './csv.ts';
import { BITEXT_TO_CARE, mapBanking77, mapClinc150 } from './intent-mapping.ts';
import { createRng, shuffleInPlace } from './rng.ts';
import type { LabelledText } from './train-linear.ts';

export interface IntentExample extends LabelledText {
  source: 'bitext' | 'banking77' | 'clinc150';
}

export interface IntentSplits {
  train: IntentExample[];
  heldOut: IntentExample[];
}

const labelIndex = (label: string) => INTENT_LABELS.indexOf(label as (typeof INTENT_LABELS)[number]);

/**
 * Held-out splits: clinc150 uses its own validation split; banking77 (test not shipped) and Bitext
 * (both sets, de-duplicated by text) hold out a seeded 20%. clinc 'other' intents are capped per
 * intent so assistant small talk does not swamp the care classes.
 */
export function loadIntentSplits(dataDir: string, seed: number, otherPerClincIntent = 25): IntentSplits {
  const dir = join(dataDir, 'intent');
  const random = createRng(seed);
  const train: IntentExample[] = [];
  const heldOut: IntentExample[] = [];

  const bitextSeen = new Set<string>();
  const bitext: IntentExample[] = [];
  for (const file of [
    'bitext_20k_utterances/TrainingdatasetBitextsample.csv',
    'bitext_8k_customer_service/Bitext_Sample_Customer_Service_Training_Dataset.csv',
  ]) {
    for (const row of parseCsvObjects(readFileSync(join(dir, file), 'utf8'))) {
      const text = (row.utterance ?? '').trim();
      const mapped = BITEXT_TO_CARE[row.intent ?? ''];
      const key = text.toLowerCase();
      if (!text || !mapped || bitextSeen.has(key)) continue;
      bitextSeen.add(key);
      bitext.push({ text, label: labelIndex(mapped), source: 'bitext' });
    }
  }
  const banking = parseCsvObjects(readFileSync(join(dir, 'banking77', 'train.csv'), 'utf8'))
    .filter((row) => row.text)
    .map(
      (row): IntentExample => ({
        text: row.text!,
        label: labelIndex(mapBanking77(row.category ?? '')),
        source: 'banking77',
      }),
    );
  for (const set of [bitext, banking]) {
    shuffleInPlace(set, random);
    const cut = Math.floor(set.length * 0.8);
    train.push(...set.slice(0, cut));
    heldOut.push(...set.slice(cut));
  }

  const clinc = JSON.parse(readFileSync(join(dir, 'clinc150', 'data_train_val.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const addClinc = (rows: [string, string][], into: IntentExample[], cap: number) => {
    const perIntent = new Map<string, number>();
    for (const [text, intent] of shuffleInPlace(rows.slice(), random)) {
      const label = mapClinc150(intent);
      const seen = perIntent.get(intent) ?? 0;
      if (label === 'other' && seen >= cap) continue;
      perIntent.set(intent, seen + 1);
      into.push({ text, label: labelIndex(label), source: 'clinc150' });
    }
  };
  addClinc([...(clinc.train ?? []), ...(clinc.oos_train ?? [])], train, otherPerClincIntent);
  addClinc([...(clinc.val ?? []), ...(clinc.oos_val ?? [])], heldOut, Math.ceil(otherPerClincIntent / 5));
  return { train, heldOut };
}
