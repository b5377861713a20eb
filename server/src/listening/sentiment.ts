/** Sentiment of a mention as triage labels it. */
export type Sentiment = 'positive' | 'neutral' | 'negative';
