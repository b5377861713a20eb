import { readFileSync } from 'node:fs';
import { decodeModel } from './model-codec.ts';
import { createTriageModels, type TriageModels } from './models.ts';

export const SENTIMENT_MODEL_FILE = new URL('./models/sentiment.bin', import.meta.url);
export const INTENT_MODEL_FILE = new URL('./models/intent.bin', import.meta.url);

let cached: TriageModels | undefined;

/** The only file that touches the filesystem: reads the committed model files once per process. */
export function loadTriageModels(): TriageModels {
  cached ??= createTriageModels(
    decodeModel(readFileSync(SENTIMENT_MODEL_FILE)),
    decodeModel(readFileSync(INTENT_MODEL_FILE)),
  );
  return cached;
}
