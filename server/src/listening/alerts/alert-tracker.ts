import type { Alert, AlertDetectorConfig, AlertEvent, AlertKind, AlertMeasurement } from './alert-types.ts';
import { describeAlert } from './describe-alert.ts';

const MINUTE_MS = 60_000;

interface TrackedIncident {
  alert: Alert;
  monitorName: string;
  lastElevatedAt: number;
  lastEventAt: number;
  /** Peak ratio per kind when the last event went out, to tell news from noise. */
  ratiosAtLastEvent: Partial<Record<AlertKind, number>>;
}

// Volume and negative spikes on one monitor are usually one incident seen two ways: one alert.
const INCIDENT_GROUP: Record<AlertKind, string> = {
  volume_spike: 'mentions',
  negative_spike: 'mentions',
  fast_post: 'posts',
};

/**
 * Turns a stream of "this monitor is elevated" findings into few alerts: one alert per incident
 * per monitor (volume and negative spikes together; fast posts apart), refreshed (rate-limited)
 * while it lasts, resolved after a quiet spell, and reopened rather than duplicated if the spike
 * returns within the cool-down.
 */
export class AlertTracker {
  private readonly incidents = new Map<string, TrackedIncident>();
  private readonly history: Alert[] = [];
  private sequence = 0;

  constructor(private readonly config: AlertDetectorConfig) {}

  /** A finding strong enough to open an alert. */
  fire(
    monitorId: string,
    monitorName: string,
    kind: AlertKind,
    m: AlertMeasurement,
    now: number,
  ): AlertEvent[] {
    const key = `${INCIDENT_GROUP[kind]}\u0000${monitorId}`;
    const tracked = this.incidents.get(key);
    const cooldownMs = this.config.cooldownMinutes * MINUTE_MS;
    const isOngoing =
      tracked && (tracked.alert.status === 'open' || now - (tracked.alert.resolvedAt ?? 0) <= cooldownMs);
    if (!tracked || !isOngoing) {
      const alert: Alert = {
        id: `${kind}:${monitorId}:${now}:${++this.sequence}`,
        monitorId,
        kind,
        status: 'open',
        openedAt: now,
        updatedAt: now,
        first: m,
        peak: m,
        signals: { [kind]: m },
        postIds: m.postId ? [m.postId] : [],
        updates: 0,
        message: describeAlert(kind, monitorName, m),
      };
      this.incidents.set(key, {
        alert,
        monitorName,
        lastElevatedAt: now,
        lastEventAt: now,
        ratiosAtLastEvent: { [kind]: m.ratio },
      });
      this.history.push(alert);
      return [{ type: 'opened', alert: snapshot(alert) }];
    }
    const alert = tracked.alert;
    const wasResolved = alert.status === 'resolved';
    alert.status = 'open';
    alert.resolvedAt = undefined;
    alert.updatedAt = now;
    tracked.lastElevatedAt = now;
    if (m.postId && !alert.postIds.includes(m.postId)) alert.postIds.push(m.postId);
    const previous = alert.signals[kind];
    const isNewSignal = previous === undefined;
    if (!previous || m.ratio > previous.ratio) alert.signals[kind] = m;
    if (kind === alert.kind && m.ratio > alert.peak.ratio) alert.peak = m;
    alert.message = composeMessage(alert, tracked.monitorName);

    const lastRatio = tracked.ratiosAtLastEvent[kind];
    const grew = lastRatio !== undefined && alert.signals[kind]!.ratio >= lastRatio * 1.25;
    const isDue = now - tracked.lastEventAt >= this.config.updateEveryMinutes * MINUTE_MS;
    // A second kind of signal (negativity on top of volume) is news at once; growth waits its turn.
    if (wasResolved || isNewSignal || (grew && isDue)) {
      alert.updates++;
      tracked.lastEventAt = now;
      for (const [signalKind, signal] of Object.entries(alert.signals)) {
        tracked.ratiosAtLastEvent[signalKind as AlertKind] = signal.ratio;
      }
      return [{ type: 'updated', alert: snapshot(alert) }];
    }
    return [];
  }

  /** A finding still above normal but not enough to open: keeps an open incident alive. */
  sustain(monitorId: string, kind: AlertKind, now: number): void {
    const tracked = this.incidents.get(`${INCIDENT_GROUP[kind]}\u0000${monitorId}`);
    if (tracked && tracked.alert.status === 'open') tracked.lastElevatedAt = now;
  }

  /** Resolves incidents quiet for `quietMinutes`. */
  resolveQuiet(now: number): AlertEvent[] {
    const events: AlertEvent[] = [];
    for (const tracked of this.incidents.values()) {
      const alert = tracked.alert;
      if (alert.status === 'open' && now - tracked.lastElevatedAt >= this.config.quietMinutes * MINUTE_MS) {
        alert.status = 'resolved';
        alert.resolvedAt = now;
        alert.updatedAt = now;
        events.push({ type: 'resolved', alert: snapshot(alert) });
      }
    }
    return events;
  }

  /** Every alert ever opened, oldest first, as copies. */
  all(): Alert[] {
    return this.history.map(snapshot);
  }
}

function snapshot(alert: Alert): Alert {
  return { ...alert, signals: { ...alert.signals }, postIds: [...alert.postIds] };
}

/** The opening signal's peak first, then any other signal the incident showed. */
function composeMessage(alert: Alert, monitorName: string): string {
  const parts = [describeAlert(alert.kind, monitorName, alert.peak)];
  for (const [kind, signal] of Object.entries(alert.signals)) {
    if (kind !== alert.kind) parts.push(describeAlert(kind as AlertKind, monitorName, signal));
  }
  return parts.join(' ');
}
