import { AlertTracker } from './alert-tracker.ts';
import {
  type Alert,
  type AlertDetectorConfig,
  type AlertEvent,
  type AlertMeasurement,
  DEFAULT_ALERT_CONFIG,
} from './alert-types.ts';
import { CountHistory } from './count-history.ts';
import { poissonUpperTail } from './poisson-tail.ts';
import { cachedHourBaseline, type HourBaseline, windowBaseline } from './seasonal-baseline.ts';
import { VelocityBaseline } from './velocity-baseline.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const POST_MEMORY_MS = 6 * HOUR_MS;

interface MonitorState {
  id: string;
  name: string;
  firstFullHour: number;
  total: CountHistory;
  negative: CountHistory;
  totalBaseline: (hour: number) => HourBaseline | undefined;
  negativeBaseline: (hour: number) => HourBaseline | undefined;
  velocity: VelocityBaseline;
}

interface PostState {
  lastAt: number;
  lastEngagement: number;
}

export interface MentionObservation {
  monitorIds: readonly string[];
  at: number;
  isNegative: boolean;
}

export interface EngagementObservationInput {
  postId: string;
  postedAt: number;
  monitorIds: readonly string[];
  at: number;
  engagement: number;
}

/**
 * Streaming alert detection for many monitors. Feed it mentions and engagement readings as they
 * arrive, and call `tick(now)` every minute; it returns opened/updated/resolved alert events. All
 * time comes in through the arguments.
 */
export class AlertDetector {
  readonly config: AlertDetectorConfig;
  private readonly monitors = new Map<string, MonitorState>();
  private readonly posts = new Map<string, PostState>();
  private readonly tracker: AlertTracker;
  private lastPruneAt = 0;

  constructor(config: Partial<AlertDetectorConfig> = {}) {
    this.config = { ...DEFAULT_ALERT_CONFIG, ...config };
    this.tracker = new AlertTracker(this.config);
  }

  /** Starts tracking a monitor; its baseline builds up from `startedAt` (no volume alerts before). */
  addMonitor(monitor: { id: string; name?: string; startedAt: number }): void {
    if (this.monitors.has(monitor.id)) return;
    const firstFullHour = Math.ceil(monitor.startedAt / HOUR_MS);
    const total = new CountHistory(this.config.baselineWeeks);
    const negative = new CountHistory(this.config.baselineWeeks);
    const options = {
      weeks: this.config.baselineWeeks,
      minWeeks: this.config.minBaselineWeeks,
      minDays: this.config.minBaselineDays,
    };
    this.monitors.set(monitor.id, {
      id: monitor.id,
      name: monitor.name ?? monitor.id,
      firstFullHour,
      total,
      negative,
      totalBaseline: cachedHourBaseline(total, firstFullHour, options),
      negativeBaseline: cachedHourBaseline(negative, firstFullHour, options),
      velocity: new VelocityBaseline(),
    });
  }

  observeMention(mention: MentionObservation): void {
    for (const id of mention.monitorIds) {
      const monitor = this.monitors.get(id);
      if (!monitor) continue;
      monitor.total.add(mention.at);
      if (mention.isNegative) monitor.negative.add(mention.at);
    }
  }

  /** Engagement readings are checked at once: a post going viral should not wait for the tick. */
  observeEngagement(reading: EngagementObservationInput): AlertEvent[] {
    const previous = this.posts.get(reading.postId) ?? { lastAt: reading.postedAt, lastEngagement: 0 };
    this.posts.set(reading.postId, { lastAt: reading.at, lastEngagement: reading.engagement });
    const elapsedMin = (reading.at - previous.lastAt) / MINUTE_MS;
    if (elapsedMin <= 0) return [];
    const velocity = Math.max(0, reading.engagement - previous.lastEngagement) / elapsedMin;
    const events: AlertEvent[] = [];
    for (const id of reading.monitorIds) {
      const monitor = this.monitors.get(id);
      if (!monitor) continue;
      const usual = monitor.velocity.quantile(0.999, 500);
      monitor.velocity.add(velocity);
      const threshold = Math.max(
        this.config.minVelocityPerMinute,
        usual === undefined ? 2 * this.config.minVelocityPerMinute : this.config.velocityFactor * usual,
      );
      if (velocity < threshold || reading.engagement < this.config.minEngagement) continue;
      const expected = usual ?? this.config.minVelocityPerMinute;
      const measurement: AlertMeasurement = {
        windowStart: previous.lastAt,
        windowEnd: reading.at,
        observed: velocity,
        expected,
        ratio: velocity / expected,
        baseline: { method: 'velocity_quantile', periods: monitor.velocity.total - 1 },
        postId: reading.postId,
        engagement: reading.engagement,
        velocityPerMinute: velocity,
      };
      events.push(...this.tracker.fire(id, monitor.name, 'fast_post', measurement, reading.at));
    }
    return events;
  }

  /** Evaluates every monitor on windows ending at the start of the current minute. */
  tick(now: number): AlertEvent[] {
    const endMinute = Math.floor(now / MINUTE_MS);
    const events: AlertEvent[] = [];
    for (const monitor of this.monitors.values()) {
      this.checkVolume(monitor, endMinute, now, events);
    }
    events.push(...this.tracker.resolveQuiet(now));
    if (now - this.lastPruneAt > HOUR_MS) this.prunePosts(now);
    return events;
  }

  alerts(): Alert[] {
    return this.tracker.all();
  }

  private checkVolume(monitor: MonitorState, endMinute: number, now: number, events: AlertEvent[]): void {
    const c = this.config;
    for (const minutes of c.windowsMinutes) {
      const observed = monitor.total.windowCount(endMinute, minutes);
      // Cheap exit: most monitors, most minutes, are nowhere near a spike.
      if (observed < c.minCount) continue;
      const base = windowBaseline(monitor.totalBaseline, endMinute, minutes);
      if (!base) return;
      const volume = this.assess(observed, base, endMinute, minutes);
      if (volume.isSpike) {
        events.push(...this.tracker.fire(monitor.id, monitor.name, 'volume_spike', volume.measurement, now));
      } else if (volume.isElevated) {
        this.tracker.sustain(monitor.id, 'volume_spike', now);
      }

      const negatives = monitor.negative.windowCount(endMinute, minutes);
      if (negatives < c.minCount) continue;
      const negBase = windowBaseline(monitor.negativeBaseline, endMinute, minutes);
      if (!negBase) continue;
      const negative = this.assess(negatives, negBase, endMinute, minutes);
      const share = negatives / observed;
      const usualShare = base.expected > 0 ? Math.min(1, negBase.expected / base.expected) : 0;
      negative.measurement.negativeShare = share;
      negative.measurement.usualNegativeShare = usualShare;
      if (negative.isSpike && share >= usualShare + c.minNegativeShareRise) {
        events.push(
          ...this.tracker.fire(monitor.id, monitor.name, 'negative_spike', negative.measurement, now),
        );
      } else if (negative.isElevated) {
        this.tracker.sustain(monitor.id, 'negative_spike', now);
      }
    }
  }

  private assess(observed: number, base: HourBaseline, endMinute: number, minutes: number) {
    const c = this.config;
    // Conservative mean: drift margin plus one robust spread, so noise between weeks is not news.
    const conservative = base.expected * (1 + c.baselineMargin) + base.spread;
    const pValue = poissonUpperTail(observed, Math.max(conservative, 0.5));
    const ratio = observed / Math.max(base.expected, 0.5);
    const measurement: AlertMeasurement = {
      windowStart: (endMinute - minutes) * MINUTE_MS,
      windowEnd: endMinute * MINUTE_MS,
      observed,
      expected: base.expected,
      ratio,
      pValue,
      baseline: { method: base.method, periods: base.periods },
    };
    return {
      measurement,
      isSpike: pValue < c.openPValue && ratio >= c.minRatio && observed >= c.minCount,
      isElevated: pValue < 1e-3 && ratio >= 1.2,
    };
  }

  private prunePosts(now: number): void {
    this.lastPruneAt = now;
    for (const [id, state] of this.posts) if (now - state.lastAt > POST_MEMORY_MS) this.posts.delete(id);
  }
}
