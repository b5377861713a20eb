import { createSparseVector, type FeatureConfig, type Lexicon, type SparseVector } from './features.ts';
import type { LinearModel } from './linear-model.ts';
import type { DecodedModel, ModelHeader } from './model-codec.ts';

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
  scratch: { features: SparseVector; probabilities: Float64Array };
}

export function createTriageModels(sentiment: DecodedModel, intent: DecodedModel): TriageModels {
  const toLoaded = ({ model, header }: DecodedModel): LoadedModel => ({
    model,
    config: header.config,
    header,
    lexicon: header.lexicon ? new Map(Object.entries(header.lexicon)) : undefined,
  });
  const classes = Math.max(sentiment.model.classes.length, intent.model.classes.length);
  return {
    sentiment: toLoaded(sentiment),
    intent: toLoaded(intent),
    scratch: { features: createSparseVector(), probabilities: new Float64Array(classes) },
  };
}
