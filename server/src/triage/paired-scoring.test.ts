import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.ts';
import { loadTriageModels } from './load-models.ts';
import { buildPairedTable, canPair, scorePaired } from './paired-scoring.ts';
import { accumulateThreeQuantised, accumulateTwelveQuantised } from './quantised-scoring.ts';
import { PINNED_INPUTS } from './triage-pinned.fixtures.ts';

describe('paired scoring', () => {
  const models = loadTriageModels();
  const sentiment = models.sentiment.model;
  const intent = models.intent.model;

  it('is used for the committed models', () => {
    expect(canPair(sentiment, intent)).toBe(true);
    expect(models.paired).toBeDefined();
  });

  it('gives bit-identical sums to scoring each model on its own table', () => {
    const table = models.paired ?? buildPairedTable(sentiment, intent);
    const { config, lexicon } = models.sentiment;
    const pairedSentiment = new Float64Array(3);
    const pairedIntent = new Float64Array(12);
    const ownSentiment = new Float64Array(3);
    const ownIntent = new Float64Array(12);
    for (const input of PINNED_INPUTS) {
      const features = extractFeatures(input.text, config, models.scratch.features, lexicon);
      scorePaired(table, features, pairedSentiment, pairedIntent);
      accumulateThreeQuantised(sentiment, features, ownSentiment);
      accumulateTwelveQuantised(intent, features, ownIntent);
      expect(Array.from(pairedSentiment)).toEqual(Array.from(ownSentiment));
      expect(Array.from(pairedIntent)).toEqual(Array.from(ownIntent));
    }
  });
});
