import type { Alert, AlertDetectorConfig, AlertEvent, AlertKind, AlertMeasurement } from './alert-types.ts';
import { describeAlert } from './describe-alert.ts';

const MINUTE_MS = 60_000;

interface TrackedIncident {
  alert: Alert;
  lastElevatedAt: number;
  lastEventAt: number;
  peakAtLastEvent: number;
}

/**
 * Turns a stream of "this monitor is elevated" findings into few alerts: one alert per incident
 * per monitor and kind, refreshed (rate-limited) while it lasts, resolved after a quiet spell, and
 * reopened rather than duplicated if the spike returns within the cool-down.
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
    const key = `${kind}\u0000${monitorId}`;
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
        postIds: m.postId ? [m.postId] : [],
        updates: 0,
        message: describeAlert(kind, monitorName, m),
      };
      this.incidents.set(key, { alert, lastElevatedAt: now, lastEventAt: now, peakAtLastEvent: strength(m) });
      this.history.push(alert);
      return [{ type: 'opened', alert: { ...alert } }];
    }
    const alert = tracked.alert;
    const wasResolved = alert.status === 'resolved';
    alert.status = 'open';
    alert.resolvedAt = undefined;
    alert.updatedAt = now;
    tracked.lastElevatedAt = now;
    if (m.postId && !alert.postIds.includes(m.postId)) alert.postIds.push(m.postId);
    if (strength(m) > strength(alert.peak)) {
      alert.peak = m;
      alert.message = describeAlert(kind, monitorName, m);
    }
    const grew = strength(alert.peak) >= tracked.peakAtLastEvent * 1.25;
    const isDue = now - tracked.lastEventAt >= this.config.updateEveryMinutes * MINUTE_MS;
    if (wasResolved || (grew && isDue)) {
      alert.updates++;
      tracked.lastEventAt = now;
      tracked.peakAtLastEvent = strength(alert.peak);
      return [{ type: 'updated', alert: { ...alert, postIds: [...alert.postIds] } }];
    }
    return [];
  }

  /** A finding still above normal but not enough to open: keeps an open incident alive. */
  sustain(monitorId: string, kind: AlertKind, now: number): void {
    const tracked = this.incidents.get(`${kind}\u0000${monitorId}`);
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
        events.push({ type: 'resolved', alert: { ...alert, postIds: [...alert.postIds] } });
      }
    }
    return events;
  }

  /** Every alert ever opened, oldest first (live objects: copy before handing out). */
  all(): Alert[] {
    return this.history;
  }
}

function strength(m: AlertMeasurement): number {
  return m.ratio;
}
