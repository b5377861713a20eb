import { describe, expect, it } from 'vitest';
import { erlangCMetrics } from './erlang.ts';
import { effectiveHandleSeconds, planStaffing, staffDeferred } from './staffing.ts';

describe('staffing', () => {
  it('uses the concurrency factor table for chat', () => {
    const factors = { 1: 1, 2: 1.3, 3: 1.75 };
    expect(effectiveHandleSeconds(600, 2, factors)).toBeCloseTo(390, 12);
    expect(effectiveHandleSeconds(600, 3, factors)).toBeCloseTo(350, 12);
    expect(() => effectiveHandleSeconds(600, 4, factors)).toThrow();
  });

  it('staffs each immediate interval to the service target, grossed up for shrinkage', () => {
    const plan = planStaffing(
      [
        {
          kind: 'immediate',
          name: 'voice',
          volume: [360, 100, 0],
          handleSeconds: 240,
          target: { serviceLevel: 0.8, answerSeconds: 15 },
        },
        {
          kind: 'immediate',
          name: 'chat',
          volume: [120, 120, 120],
          handleSeconds: 600,
          concurrency: 2,
          concurrencyFactors: { 1: 1, 2: 1.3 },
          target: { serviceLevel: 0.8, answerSeconds: 60 },
        },
      ],
      { intervalSeconds: 1800, shrinkage: 0.3 },
    );
    const voice = plan.channels[0]?.agents ?? [];
    expect(
      erlangCMetrics(voice[0] ?? 0, { contacts: 360, intervalSeconds: 1800, handleSeconds: 240 }, 15)
        .serviceLevel,
    ).toBeGreaterThanOrEqual(0.8);
    expect(voice[2]).toBe(0);
    // Chat at concurrency 2: effective AHT 390 s → 26 Erlangs of agent time.
    const chat = plan.channels[1]?.agents ?? [];
    expect(chat[0]).toBeGreaterThan(26);
    expect(chat[0]).toBeLessThan((600 / 1800) * 120);
    expect(plan.productive[0]).toBe((voice[0] ?? 0) + (chat[0] ?? 0));
    expect(plan.scheduled[0]).toBe(Math.ceil((plan.productive[0] ?? 0) / 0.7));
  });

  it('staffs deferred work by workload, meets every deadline and smooths a burst', () => {
    // 4 h response target at 30-min intervals: a burst of 240 emails at 5 min each in one interval.
    const volume = [0, 240, 0, 0, 0, 0, 0, 0, 0, 0];
    const req = staffDeferred(
      {
        kind: 'deferred',
        name: 'email',
        volume,
        handleSeconds: 300,
        responseSeconds: 4 * 3600,
        maxOccupancy: 0.8,
      },
      1800,
    );
    // 72,000 agent-seconds over 8 intervals at 80% → 6.25 agents each, not 50 in the burst interval.
    expect(Math.max(...req.agents)).toBeLessThanOrEqual(7);
    const capacity = req.agents.reduce((s, a) => s + a * 1800 * 0.8, 0);
    expect(capacity).toBeGreaterThanOrEqual(240 * 300);
    // Nothing is left after the deadline (end of interval 1 + 7).
    expect(req.backlogSeconds?.[8]).toBe(0);
    expect(req.backlogSeconds?.[1]).toBeGreaterThan(0);
  });

  it('carries an initial backlog and never misses a deadline on a random stream', () => {
    const volume = Array.from({ length: 48 }, (_, i) => 20 + 15 * Math.sin(i / 4) + (i % 7 === 0 ? 60 : 0));
    const req = staffDeferred(
      {
        kind: 'deferred',
        name: 'social',
        volume,
        handleSeconds: 180,
        responseSeconds: 3600,
        initialBacklogSeconds: 9000,
      },
      1800,
    );
    // Replay EDF with the computed staffing: work due by interval t must be done by t.
    let outstanding: { due: number; work: number }[] = [{ due: 1, work: 9000 }];
    req.agents.forEach((agents, t) => {
      outstanding.push({ due: t + 1, work: (volume[t] ?? 0) * 180 });
      outstanding.sort((a, b) => a.due - b.due);
      let capacity = agents * 1800 * 0.9;
      for (const item of outstanding) {
        const take = Math.min(capacity, item.work);
        item.work -= take;
        capacity -= take;
      }
      expect(outstanding.filter((o) => o.due <= t && o.work > 1e-6)).toEqual([]);
      outstanding = outstanding.filter((o) => o.work > 1e-6);
    });
  });
});
