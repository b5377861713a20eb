import { createSparseVector, type FeatureConfig, type Lexicon, type SparseVector } from './features.ts';
import type { LinearModel } from './linear-model.ts';
import type { DecodedModel, ModelHeader } from './model-codec.ts';
import { buildPairedTable, canPair, type PairedTable } from './paired-scoring.ts';

export interface LoadedModel {
  model: LinearModel;
  config: FeatureConfig;
  header: ModelHeader;
  lexicon?: Lexicon;
}

/** Decoded models plus scratch buffers reused by every prediction (Node runs one prediction at a time). */
export interface TriageModels {
  sentiment: LoadedModel;
  intent: LoadedModel;
  /** True when the intent model was trained on the sentiment features (smaller table): extract once. */
  intentSharesFeatures: boolean;
  /** Both models' weights row by row when they share features (see paired-scoring.ts); else undefined. */
  paired?: PairedTable;
  scratch: { features: SparseVector; probabilities: Float64Array; intentSums: Float64Array };
}

function sameFeaturesExceptBits(a: FeatureConfig, b: FeatureConfig): boolean {
  return JSON.stringify({ ...a, bits: 0 }) === JSON.stringify({ ...b, bits: 0 }) && b.bits <= a.bits;
}

export function createTriageModels(sentiment: DecodedModel, intent: DecodedModel): TriageModels {
  const toLoaded = ({ model, header }: DecodedModel): LoadedModel => ({
    model,
    config: header.config,
    header,
    lexicon: header.lexicon ? new Map(Object.entries(header.lexicon)) : undefined,
  });
  const loadedSentiment = toLoaded(sentiment);
  const loadedIntent = toLoaded(intent);
  // The intent model has no lexicon of its own when it shares the sentiment features.
  loadedIntent.lexicon ??= loadedSentiment.lexicon;
  const classes = Math.max(sentiment.model.classes.length, intent.model.classes.length);
  const intentSharesFeatures = sameFeaturesExceptBits(loadedSentiment.config, loadedIntent.config);
  return {
    sentiment: loadedSentiment,
    intent: loadedIntent,
    intentSharesFeatures,
    paired:
      intentSharesFeatures && canPair(sentiment.model, intent.model)
        ? buildPairedTable(sentiment.model, intent.model)
        : undefined,
    scratch: {
      features: createSparseVector(),
      probabilities: new Float64Array(classes),
      intentSums: new Float64Array(classes),
    },
  };
}
