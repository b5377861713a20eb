import { describe, expect, it } from 'vitest';
import { createRandom } from '../simulate/random.ts';
import { seasonalFactor } from '../simulate/seasonality.ts';
import { AlertDetector } from './alert-detector.ts';
import type { AlertEvent } from './alert-types.ts';

const MINUTE = 60_000;
const WEEK = 7 * 1440 * MINUTE;
const START = Date.UTC(2026, 0, 5); // Monday

interface Burst {
  from: number;
  minutes: number;
  perMinute: number;
  negativeShare: number;
}

/** Three weeks of seasonal Poisson mentions (2 a minute on average, 20% negative), plus bursts. */
function run(seed: number, bursts: Burst[] = [], weeks = 3) {
  const random = createRandom(seed);
  const detector = new AlertDetector();
  detector.addMonitor({ id: 'brand', name: 'Orbly', startedAt: START });
  const events: AlertEvent[] = [];
  for (let minute = 0; minute < weeks * 7 * 1440; minute++) {
    const minuteStart = START + minute * MINUTE;
    const mention = (isNegative: boolean) =>
      detector.observeMention({ monitorIds: ['brand'], at: minuteStart + random.int(MINUTE), isNegative });
    const count = random.poisson(2 * seasonalFactor(minuteStart));
    for (let i = 0; i < count; i++) mention(random.chance(0.2));
    for (const burst of bursts) {
      if (minuteStart < burst.from || minuteStart >= burst.from + burst.minutes * MINUTE) continue;
      const extra = random.poisson(burst.perMinute);
      for (let i = 0; i < extra; i++) mention(random.chance(burst.negativeShare));
    }
    events.push(...detector.tick(minuteStart + MINUTE));
  }
  return { detector, events };
}

describe('AlertDetector: volume and negative spikes', () => {
  it('fires nothing on a flat seasonal series', () => {
    const { events } = run(1);
    expect(events).toEqual([]);
  });

  it('fires one volume alert within five minutes of a burst, then resolves it', () => {
    const from = START + 2 * WEEK + 3 * 1440 * MINUTE + 14 * 60 * MINUTE + 30_000; // Thursday 14:00:30
    const { events } = run(2, [{ from, minutes: 45, perMinute: 15, negativeShare: 0.2 }]);
    const opened = events.filter((e) => e.type === 'opened');
    expect(opened.map((e) => e.alert.kind)).toEqual(['volume_spike']);
    const alert = opened[0]!.alert;
    expect(alert.openedAt - from).toBeLessThanOrEqual(5 * MINUTE);
    expect(alert.openedAt).toBeGreaterThan(from);
    expect(alert.first.ratio).toBeGreaterThan(2);
    expect(alert.first.baseline).toEqual({ method: 'same_hour_recent_days', periods: 8 });
    expect(alert.message).toMatch(
      /^Mentions of Orbly rose to \d+ in the last \d+ minutes, [\d.]+× the [\d.]+ expected/,
    );
    const resolved = events.filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.alert.resolvedAt!).toBeGreaterThan(from + 45 * MINUTE);
  });

  it('reports a wave of negative mentions as a negative spike with the shares', () => {
    const from = START + 2 * WEEK + 1440 * MINUTE + 11 * 60 * MINUTE; // Tuesday 11:00
    const { events } = run(3, [{ from, minutes: 120, perMinute: 6, negativeShare: 0.9 }]);
    const opened = events.filter((e) => e.type === 'opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.alert.openedAt - from).toBeLessThanOrEqual(5 * MINUTE);
    const last = events.filter((e) => e.alert.id === opened[0]!.alert.id).at(-1)!.alert;
    const negative = last.signals.negative_spike!;
    expect(negative.negativeShare).toBeGreaterThan(0.5);
    expect(negative.usualNegativeShare).toBeCloseTo(0.2, 1);
    expect(last.message).toMatch(
      /Negative mentions of Orbly rose to \d+ .*\(\d+% of mentions, usually (19|20|21|22)%\)/,
    );
  });

  it('folds a volume spike and a negative spike of one incident into one alert', () => {
    const from = START + 2 * WEEK + 2 * 1440 * MINUTE + 19 * 60 * MINUTE; // Wednesday 19:00
    const { events } = run(8, [{ from, minutes: 60, perMinute: 25, negativeShare: 0.85 }]);
    const opened = events.filter((e) => e.type === 'opened');
    expect(opened).toHaveLength(1);
    const final = events.filter((e) => e.alert.id === opened[0]!.alert.id).at(-1)!.alert;
    expect(Object.keys(final.signals).sort()).toEqual(['negative_spike', 'volume_spike']);
    expect(final.status).toBe('resolved');
  });

  it('treats a relapse within the cool-down as the same incident', () => {
    const from = START + 2 * WEEK + 4 * 1440 * MINUTE + 16 * 60 * MINUTE;
    const bursts = [
      { from, minutes: 20, perMinute: 20, negativeShare: 0.2 },
      { from: from + 70 * MINUTE, minutes: 20, perMinute: 20, negativeShare: 0.2 },
    ];
    const { events, detector } = run(4, bursts);
    expect(events.filter((e) => e.type === 'opened' && e.alert.kind === 'volume_spike')).toHaveLength(1);
    expect(events.some((e) => e.type === 'updated' && e.alert.kind === 'volume_spike')).toBe(true);
    expect(detector.alerts().filter((a) => a.kind === 'volume_spike')).toHaveLength(1);
  });

  it('stays silent while the baseline is still warming up', () => {
    const { events } = run(
      5,
      [{ from: START + 1440 * MINUTE, minutes: 30, perMinute: 30, negativeShare: 0.2 }],
      1,
    );
    expect(events.filter((e) => e.type === 'opened' && e.alert.kind === 'volume_spike')).toEqual([]);
  });
});

describe('AlertDetector: fast-growing posts', () => {
  function feed(detector: AlertDetector, postId: string, postedAt: number, growthPerMinute: number) {
    const events: AlertEvent[] = [];
    for (const offset of [1, 2, 3, 5, 8]) {
      const at = postedAt + offset * MINUTE;
      const engagement = Math.round(growthPerMinute * offset);
      events.push(...detector.observeEngagement({ postId, postedAt, monitorIds: ['brand'], at, engagement }));
    }
    return events;
  }

  it('alerts once for a post whose engagement races ahead of the usual posts', () => {
    const detector = new AlertDetector();
    detector.addMonitor({ id: 'brand', startedAt: START });
    const random = createRandom(6);
    for (let i = 0; i < 800; i++) feed(detector, `p${i}`, START + i * MINUTE, random.between(0, 2));
    const events = feed(detector, 'viral', START + 900 * MINUTE, 150);
    expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);
    const alert = events[0]!.alert;
    expect(alert.kind).toBe('fast_post');
    expect(alert.postIds).toEqual(['viral']);
    expect(alert.openedAt).toBe(START + 901 * MINUTE);
    expect(alert.message).toMatch(/gaining 150 engagements a minute/);
  });

  it('adds a second fast post during the same incident to the open alert', () => {
    const detector = new AlertDetector();
    detector.addMonitor({ id: 'brand', startedAt: START });
    feed(detector, 'viral', START, 150);
    const later = feed(detector, 'echo', START + 10 * MINUTE, 400);
    expect(later.filter((e) => e.type === 'opened')).toEqual([]);
    expect(detector.alerts()).toHaveLength(1);
    expect(detector.alerts()[0]!.postIds).toEqual(['viral', 'echo']);
  });

  it('ignores ordinary engagement', () => {
    const detector = new AlertDetector();
    detector.addMonitor({ id: 'brand', startedAt: START });
    expect(feed(detector, 'calm', START, 3)).toEqual([]);
  });
});
