import type { Sentiment } from '../api/types.ts';
import './routing-row.css';

const LABEL: Record<Sentiment, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

/** The customer's latest sentiment (from triage), written out, not only coloured. */
export function SentimentChip({ sentiment }: { sentiment: Sentiment | null | undefined }) {
  if (!sentiment || sentiment === 'neutral') return null;
  return (
    <span
      className={`sentiment-chip sentiment-${sentiment}`}
      title={`Customer sentiment: ${LABEL[sentiment]}`}
    >
      {LABEL[sentiment]}
    </span>
  );
}
