import { describe, expect, it } from 'vitest';
import { runSendResilience } from './resilience-run.ts';

describe('send resilience against a simulator refusing 30% of sends', () => {
  it('delivers every reply exactly once through 500s and 429s with reset headers', async () => {
    const result = await runSendResilience({ replies: 100, refuseRate: 0.3, seed: 2026 });
    expect(result.replies).toBe(100);
    expect(result.delivered_once).toBe(100);
    expect(result.delivered_twice_or_more).toBe(0);
    expect(result.not_delivered).toBe(0);
    expect(result.sent_status).toBe(100);
    // The faults really happened: both kinds, at about the set share of all requests.
    expect(result.refused_500).toBeGreaterThan(0);
    expect(result.refused_429).toBeGreaterThan(0);
    expect(result.refused_share).toBeGreaterThan(0.15);
    expect(result.refused_share).toBeLessThan(0.45);
  }, 180_000);
});
