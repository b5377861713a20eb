import { describe, expect, it } from 'vitest';
import { compileMonitors } from '../match/compile-monitors.ts';
import { matchPost } from '../match/match-post.ts';
import { runDetectionTrial, SCENARIO_MONITORS } from './detection-trial.ts';
import { createEngagementPoller } from './engagement-poller.ts';
import { simulatePosts } from './simulate-posts.ts';

const START = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

describe('simulatePosts', () => {
  const week = simulatePosts({ seed: 7, start: START, days: 7 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = simulatePosts({ seed: 7, start: START, days: 1 });
    const other = simulatePosts({ seed: 8, start: START, days: 1 });
    expect(again.posts.slice(0, 50)).toEqual(week.posts.slice(0, 50));
    expect(other.posts.slice(0, 50).map((p) => p.text)).not.toEqual(
      again.posts.slice(0, 50).map((p) => p.text),
    );
  });

  it('injects one outage, viral complaint and negative wave for the brand and a competitor outage', () => {
    expect(week.incidents.map((i) => [i.kind, i.subject])).toEqual([
      ['outage', 'Orbly'],
      ['viral_complaint', 'Orbly'],
      ['negative_wave', 'Orbly'],
      ['outage', 'Shopwell'],
    ]);
    for (const incident of week.incidents) {
      const labelled = week.posts.filter((p) => p.incidentId === incident.id);
      expect(labelled.length).toBeGreaterThan(100);
      expect(labelled.every((p) => p.at >= incident.start && p.subject === incident.subject)).toBe(true);
      expect(labelled.filter((p) => p.sentiment === 'negative').length / labelled.length).toBeGreaterThan(
        0.6,
      );
    }
  });

  it('has a daily rhythm: evenings busier than nights', () => {
    const background = week.posts.filter((p) => p.incidentId === null);
    const hourOf = (at: number) => new Date(at).getUTCHours();
    const nights = background.filter((p) => hourOf(p.at) >= 2 && hourOf(p.at) < 5).length;
    const evenings = background.filter((p) => hourOf(p.at) >= 18 && hourOf(p.at) < 21).length;
    expect(evenings).toBeGreaterThan(5 * nights);
  });

  it('sorts posts by time and names the brand in posts about it', () => {
    expect(week.posts.every((p, i) => i === 0 || week.posts[i - 1]!.at <= p.at)).toBe(true);
    const brandMonitor = compileMonitors(SCENARIO_MONITORS.slice(0, 1));
    const aboutBrand = week.posts.filter((p) => p.subject === 'Orbly').slice(0, 2000);
    const matched = aboutBrand.filter((p) => matchPost(brandMonitor, p).length > 0).length;
    expect(matched / aboutBrand.length).toBeGreaterThan(0.95);
  });

  it('replays engagement readings in time order as a poller would see them', () => {
    const posts = week.posts.slice(0, 200);
    const poller = createEngagementPoller(posts, [1, 5]);
    const first = poller.poll(posts[0]!.at + 2 * 60_000);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r, i) => i === 0 || first[i - 1]!.at <= r.at)).toBe(true);
    const rest = poller.poll(posts[199]!.at + HOUR);
    expect(first.length + rest.length).toBe(400);
  });
});

describe('runDetectionTrial', () => {
  it('alerts on every injected incident within five minutes with few false alerts', {
    timeout: 180_000,
  }, () => {
    const trial = runDetectionTrial({
      seed: 21,
      start: START,
      warmupWeeks: 1,
      measuredWeeks: 1,
      labelNoise: 0.1,
    });
    expect(trial.incidents).toHaveLength(4);
    for (const outcome of trial.incidents) {
      expect(outcome.detectionDelaySeconds).not.toBeNull();
      expect(outcome.detectionDelaySeconds!).toBeLessThanOrEqual(300);
    }
    expect(trial.falseAlerts.length / trial.monitorWeeks).toBeLessThan(1);
  });
});
