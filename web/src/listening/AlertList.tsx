import type { ListeningAlert } from './api.ts';

const KIND = {
  volume_spike: 'Volume spike',
  negative_spike: 'Negative spike',
  fast_post: 'Fast-growing post',
} as const;

export function AlertList({ alerts }: { alerts: ListeningAlert[] }) {
  if (alerts.length === 0)
    return (
      <p className="muted">
        No alerts yet. Spikes are measured against each monitor's own same hour of the week.
      </p>
    );
  return (
    <ul className="listening-alerts" aria-live="polite">
      {alerts.map((a) => (
        <li key={a.id} className={`alert-${a.status}`}>
          <div>
            <strong>{KIND[a.kind as keyof typeof KIND] ?? a.kind}</strong> · {a.monitorName}{' '}
            <span className={`badge badge-${a.status}`}>{a.status}</span>
          </div>
          <p>{a.message}</p>
          <small className="muted">
            opened {new Date(a.openedAt).toLocaleString()}
            {a.resolvedAt ? ` · resolved ${new Date(a.resolvedAt).toLocaleString()}` : ''}
          </small>
        </li>
      ))}
    </ul>
  );
}
