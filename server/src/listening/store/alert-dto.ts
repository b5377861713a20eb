import type { Selectable } from 'kysely';
import type { ListeningAlertsTable } from '../../db/index.ts';

export interface AlertDto {
  id: string;
  monitorId: string;
  monitorName: string;
  kind: string;
  status: 'open' | 'resolved';
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** What rose, by how much, against what, in one sentence. */
  message: string;
  /** The detector's measurements: first, peak, per-signal peaks, posts behind a fast-post alert. */
  detail: Record<string, unknown>;
}

export function toAlertDto(row: Selectable<ListeningAlertsTable>, monitorName: string): AlertDto {
  return {
    id: row.id,
    monitorId: row.monitor_id,
    monitorName,
    kind: row.kind,
    status: row.status,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
    message: row.message,
    detail: row.detail,
  };
}

const KIND_LABELS: Record<string, string> = {
  volume_spike: 'mention volume spike',
  negative_spike: 'negative sentiment spike',
  fast_post: 'fast-growing post',
};

/** Plain-text lines for people: what rose, by how much, against what. */
export function describeForPeople(alert: AlertDto): { subject: string; lines: string[] } {
  const kind = KIND_LABELS[alert.kind] ?? alert.kind;
  const signals = (alert.detail.signals ?? {}) as Record<
    string,
    { observed: number; expected: number; ratio: number; windowStart: number; windowEnd: number }
  >;
  const lines = [alert.message, ''];
  for (const [name, m] of Object.entries(signals)) {
    const minutes = Math.round((m.windowEnd - m.windowStart) / 60_000);
    lines.push(
      `${KIND_LABELS[name] ?? name}: ${round(m.observed)} observed vs ${round(m.expected)} expected ` +
        `(${round(m.ratio)}×) over ${minutes} min ending ${new Date(m.windowEnd).toISOString()}`,
    );
  }
  lines.push('', `Monitor: ${alert.monitorName}`, `Opened: ${alert.openedAt}`, `Status: ${alert.status}`);
  return { subject: `Listening alert: ${kind} on ${alert.monitorName}`, lines };
}

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}
