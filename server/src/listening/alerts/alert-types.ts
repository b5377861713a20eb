import type { BaselineMethod } from './seasonal-baseline.ts';

export type AlertKind = 'volume_spike' | 'negative_spike' | 'fast_post';

/** What rose, by how much, against what. Numbers for charts, `message` for people. */
export interface AlertMeasurement {
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  /** observed ÷ expected (expected floored at 0.5 so a quiet monitor does not divide by zero). */
  ratio: number;
  /** Chance of at least `observed` if nothing unusual happened (Poisson, conservative mean). */
  pValue?: number;
  baseline: { method: BaselineMethod | 'velocity_quantile'; periods: number };
  /** Negative spikes: share of mentions that were negative now and usually. */
  negativeShare?: number;
  usualNegativeShare?: number;
  /** Fast posts: the post and its engagement velocity (per minute). */
  postId?: string;
  engagement?: number;
  velocityPerMinute?: number;
}

export interface Alert {
  id: string;
  monitorId: string;
  kind: AlertKind;
  status: 'open' | 'resolved';
  openedAt: number;
  updatedAt: number;
  resolvedAt?: number;
  /** The measurement that opened the alert and the strongest one of that kind seen since. */
  first: AlertMeasurement;
  peak: AlertMeasurement;
  /** Strongest measurement per kind in this incident (a volume spike may turn negative too). */
  signals: Partial<Record<AlertKind, AlertMeasurement>>;
  /** Posts behind a fast_post alert (an ongoing incident adds to it rather than re-alerting). */
  postIds: string[];
  /** How many times the ongoing incident refreshed this alert. */
  updates: number;
  message: string;
}

export interface AlertEvent {
  type: 'opened' | 'updated' | 'resolved';
  alert: Alert;
}

export interface AlertDetectorConfig {
  /** Detection windows in minutes, evaluated at every tick. */
  windowsMinutes: number[];
  baselineWeeks: number;
  minBaselineWeeks: number;
  minBaselineDays: number;
  /** Open when P(X ≥ observed) is below this… */
  openPValue: number;
  /** …and observed is at least this multiple of expected… */
  minRatio: number;
  /** …and at least this many mentions in the window. */
  minCount: number;
  /** Negative spikes also need the negative share this far above its usual share. */
  minNegativeShareRise: number;
  /** The baseline is inflated by this fraction plus one robust spread before testing (drift, noise). */
  baselineMargin: number;
  /** Incident is over after this long without an elevated window. */
  quietMinutes: number;
  /** A new spike this soon after resolution reopens the same alert. */
  cooldownMinutes: number;
  /** Minimum gap between two "updated" events of one alert. */
  updateEveryMinutes: number;
  /** Fast posts: engagement velocity must reach max(minVelocity, velocityFactor × monitor's p99.9). */
  minVelocityPerMinute: number;
  velocityFactor: number;
  minEngagement: number;
}

export const DEFAULT_ALERT_CONFIG: AlertDetectorConfig = {
  windowsMinutes: [3, 5, 15],
  baselineWeeks: 4,
  minBaselineWeeks: 3,
  minBaselineDays: 3,
  openPValue: 1e-6,
  minRatio: 1.5,
  minCount: 10,
  minNegativeShareRise: 0.15,
  baselineMargin: 0.1,
  quietMinutes: 30,
  cooldownMinutes: 60,
  updateEveryMinutes: 15,
  minVelocityPerMinute: 25,
  velocityFactor: 3,
  minEngagement: 100,
};
