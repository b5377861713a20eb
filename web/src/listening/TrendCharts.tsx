import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SentimentBucket, Trends } from './api.ts';

function bucketLabel(iso: string, bucketMs: number): string {
  const d = new Date(iso);
  if (bucketMs >= 86_400_000) return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Mentions per bucket stacked by sentiment, with net sentiment (−1…1) on the right axis. */
export function VolumeSentimentChart({
  buckets,
  bucketMs,
}: {
  buckets: SentimentBucket[];
  bucketMs: number;
}) {
  const rows = buckets.map((b) => ({
    label: bucketLabel(b.start, bucketMs),
    positive: b.positive,
    neutral: b.neutral,
    negative: b.negative,
    net: b.netSentiment === null ? null : Math.round(b.netSentiment * 100) / 100,
  }));
  return (
    <figure className="listening-chart" aria-label="Mention volume and sentiment over time">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="label" minTickGap={40} fontSize={11} />
          <YAxis yAxisId="count" fontSize={11} allowDecimals={false} />
          <YAxis yAxisId="net" orientation="right" domain={[-1, 1]} fontSize={11} />
          <Tooltip />
          <Legend />
          <Area
            yAxisId="count"
            type="monotone"
            dataKey="negative"
            stackId="v"
            stroke="#dc2626"
            fill="#fca5a5"
            name="Negative"
            isAnimationActive={false}
          />
          <Area
            yAxisId="count"
            type="monotone"
            dataKey="neutral"
            stackId="v"
            stroke="#6b7280"
            fill="#e5e7eb"
            name="Neutral"
            isAnimationActive={false}
          />
          <Area
            yAxisId="count"
            type="monotone"
            dataKey="positive"
            stackId="v"
            stroke="#16a34a"
            fill="#bbf7d0"
            name="Positive"
            isAnimationActive={false}
          />
          <Line
            yAxisId="net"
            type="monotone"
            dataKey="net"
            stroke="#1d4ed8"
            dot={false}
            name="Net sentiment"
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ShareOfVoice({ rows }: { rows: Trends['shareOfVoice'] }) {
  if (rows.length === 0) return <p className="muted">No brand or competitor monitors yet.</p>;
  return (
    <table className="listening-table">
      <thead>
        <tr>
          <th scope="col">Monitor</th>
          <th scope="col">Mentions</th>
          <th scope="col">Share of voice</th>
          <th scope="col">Net sentiment</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.monitorId}>
            <th scope="row">
              {r.monitorName} <span className="muted">({r.role})</span>
            </th>
            <td>{r.mentions}</td>
            <td>
              <span
                className="share-bar"
                style={{ width: `${Math.round(r.share * 100)}%` }}
                aria-hidden="true"
              />
              {Math.round(r.share * 100)}%
            </td>
            <td>{r.netSentiment === null ? '—' : r.netSentiment.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TopTopics({ trends }: { trends: Trends }) {
  return (
    <div className="listening-topics">
      <section aria-label="Top terms">
        <h3>Top terms</h3>
        <ol>
          {trends.topTerms.map((t) => (
            <li key={t.term}>
              {t.term} <span className="muted">{t.count}</span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-label="Top phrases">
        <h3>Top phrases</h3>
        <ol>
          {trends.topPhrases.map((t) => (
            <li key={t.term}>
              {t.term} <span className="muted">{t.count}</span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-label="Emerging terms">
        <h3>Emerging</h3>
        {trends.emergingTerms.length === 0 ? (
          <p className="muted">Nothing bursting in the last fifth of the window.</p>
        ) : (
          <ol>
            {trends.emergingTerms.map((t) => (
              <li key={t.term}>
                {t.term}{' '}
                <span className="muted">
                  {t.count} vs {t.expected.toFixed(1)} expected ({t.ratio.toFixed(1)}×)
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Recurring complaints: size, a bar per bucket for their counts over time, and examples. */
export function ComplaintClusters({ clusters }: { clusters: Trends['complaintClusters'] }) {
  if (clusters.length === 0) return <p className="muted">No recurring complaints in this window.</p>;
  return (
    <ul className="listening-clusters">
      {clusters.map((c) => {
        const max = Math.max(1, ...c.counts.map((b) => b.count));
        return (
          <li key={`${c.label}-${c.firstAt}`}>
            <div className="cluster-head">
              <strong>{c.label}</strong> <span className="muted">{c.size} posts</span>
            </div>
            <div className="cluster-spark" role="img" aria-label={`${c.label}: counts over time`}>
              {c.counts.map((b) => (
                <span
                  key={b.start}
                  title={`${new Date(b.start).toLocaleString()}: ${b.count}`}
                  style={{ height: `${(b.count / max) * 100}%` }}
                />
              ))}
            </div>
            <ul className="cluster-examples">
              {c.examples.slice(0, 2).map((e) => (
                <li key={e.mentionId}>
                  “{e.text}”{' '}
                  {e.permalink ? (
                    <a href={e.permalink} target="_blank" rel="noreferrer">
                      {e.author ? `@${e.author}` : 'post'}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
