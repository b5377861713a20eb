import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Sentiment } from '../api/types.ts';

const ROWS: { key: Sentiment | 'unknown'; label: string; color: string }[] = [
  { key: 'negative', label: 'Negative', color: '#b42318' },
  { key: 'neutral', label: 'Neutral', color: '#6b7280' },
  { key: 'positive', label: 'Positive', color: '#146c2e' },
  { key: 'unknown', label: 'Not scored', color: '#c7ccd4' },
];

/** Conversations the customer wrote in during the last hour, by their latest sentiment. */
export function SentimentMix({ mix }: { mix: Record<Sentiment | 'unknown', number> }) {
  const data = ROWS.map((r) => ({ ...r, value: mix[r.key] }));
  const total = data.reduce((sum, r) => sum + r.value, 0);
  const summary = data.map((r) => `${r.label} ${r.value}`).join(', ');
  return (
    <figure className="chart sentiment-mix" data-testid="sentiment-mix">
      <figcaption>Sentiment, last hour ({total})</figcaption>
      <div role="img" aria-label={`Sentiment in the last hour: ${summary}`}>
        <ResponsiveContainer width="100%" height={150}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <XAxis type="number" allowDecimals={false} fontSize={11} />
            <YAxis type="category" dataKey="label" width={80} fontSize={12} />
            <Tooltip />
            <Bar
              dataKey="value"
              name="Conversations"
              isAnimationActive={false}
              label={{ position: 'right', fontSize: 12 }}
            >
              {data.map((r) => (
                <Cell key={r.key} fill={r.color} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
