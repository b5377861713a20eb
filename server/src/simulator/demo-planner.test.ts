import { describe, expect, it } from 'vitest';
import { DEMO_SURFACES, DemoPlanner, type PlannedMessage } from './demo-planner.ts';
import { seededRandom } from './rng.ts';

describe('demo traffic planner', () => {
  const plan = (seed: number, count: number): PlannedMessage[] => {
    const planner = new DemoPlanner(seededRandom(seed), `run${seed}`);
    return Array.from({ length: count }, () => planner.next());
  };

  it('is reproducible for a seed', () => {
    expect(plan(5, 50).map((m) => [m.surface, m.text, m.id])).toEqual(
      plan(5, 50).map((m) => [m.surface, m.text, m.id]),
    );
  });

  it('mixes every surface, public and private, many customers, and unique ids', () => {
    const messages = plan(11, 300);
    expect(new Set(messages.map((m) => m.surface))).toEqual(
      new Set([
        'x_mention',
        'x_dm',
        'messenger',
        'facebook_comment',
        'instagram_comment',
        'instagram_dm',
        'whatsapp',
        'api',
      ]),
    );
    expect(new Set(messages.map((m) => m.customer.key)).size).toBeGreaterThan(25);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    expect(new Set(messages.map((m) => m.topic)).size).toBe(7);
  });

  it('continues earlier threads: same customer, same surface, answering their previous message', () => {
    const messages = plan(3, 200);
    const followUps = messages.filter((m) => m.replyToId);
    expect(followUps.length).toBeGreaterThan(20);
    for (const followUp of followUps) {
      const parent = messages.find((m) => m.id === followUp.replyToId);
      expect(parent?.customer.key).toBe(followUp.customer.key);
      expect(parent?.surface).toBe(followUp.surface);
      expect(messages.indexOf(parent as PlannedMessage)).toBeLessThan(messages.indexOf(followUp));
    }
  });

  it('sends angry complaints in public from verified accounts with large followings', () => {
    const complaints = plan(8, 400).filter((m) => m.topic === 'complaint' && !m.replyToId);
    expect(complaints.length).toBeGreaterThan(3);
    for (const m of complaints) {
      expect(['x_mention', 'facebook_comment']).toContain(m.surface);
      expect(m.customer.isVerified).toBe(true);
      expect(m.customer.followers).toBeGreaterThanOrEqual(80_000);
    }
  });

  it('starts a thread on a chosen surface, never a complaint in private', () => {
    const planner = new DemoPlanner(seededRandom(21), 'forced');
    for (let i = 0; i < 100; i++) {
      for (const surface of DEMO_SURFACES) {
        const m = planner.next(surface);
        expect(m.surface).toBe(surface);
        expect(m.replyToId).toBeUndefined();
        if (m.topic === 'complaint') expect(['x_mention', 'facebook_comment']).toContain(surface);
      }
    }
  });
});
