import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
type AfinnCtor = new () => { analyze(text: string): { score: number } };

/** VADER with its documented thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative. Returns 0/1/2. */
export function createVaderClassifier(): (text: string) => number {
  const vader = require('vader-sentiment') as VaderModule;
  return (text) => {
    const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
    return compound >= 0.05 ? 2 : compound <= -0.05 ? 0 : 1;
  };
}

/** AFINN-165 via the `sentiment` package: score > 0 positive, < 0 negative. Returns 0/1/2. */
export function createAfinnClassifier(): (text: string) => number {
  const Sentiment = require('sentiment') as AfinnCtor;
  const analyser = new Sentiment();
  return (text) => {
    const { score } = analyser.analyze(text);
    return score > 0 ? 2 : score < 0 ? 0 : 1;
  };
}
