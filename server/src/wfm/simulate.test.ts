import { describe, expect, it } from 'vitest';
import { erlangCMetrics } from './erlang.ts';
import { erlangAMetrics } from './erlang-a.ts';
import { simulate } from './simulate.ts';

/** Stationary run: 30 h of half-hour intervals at constant load; the first hour is warm-up. */
function stationary(agents: number, patienceSeconds: number | undefined, seed: number, replications: number) {
  const intervals = Array.from({ length: 60 }, () => ({ expectedArrivals: 240, agents }));
  const result = simulate({
    intervalSeconds: 1800,
    intervals,
    handle: { kind: 'exponential', meanSeconds: 120 },
    ...(patienceSeconds !== undefined ? { patienceSeconds } : {}),
    answerSeconds: 20,
    replications,
    seed,
  });
  const steady = result.intervals.slice(2);
  const offered = steady.reduce((s, i) => s + i.offered, 0);
  const within = steady.reduce((s, i) => s + i.serviceLevel * i.offered, 0);
  const abandoned = steady.reduce((s, i) => s + i.abandoned, 0);
  return { result, serviceLevel: within / offered, abandonRate: abandoned / offered };
}

describe('simulation', () => {
  // λ = 240 per 30 min, AHT 120 s → A = 16 E; 19 agents; SL threshold 20 s (Erlang C: 77.3%).
  // 60 replications × 29 h of steady state ≈ 830k calls. The standard error across replications
  // is asserted < 0.5 pp, so the 2 pp tolerance is > 4 standard errors: a correct simulator fails
  // with probability < 1e-4 (normal approximation); a bias of 2 pp or more is caught.
  it('agrees with Erlang C on service level within 2 points (stationary M/M/19)', () => {
    const erlang = erlangCMetrics(19, { contacts: 240, intervalSeconds: 1800, handleSeconds: 120 }, 20);
    const sim = stationary(19, undefined, 11, 60);
    expect(sim.result.serviceLevelStdError).toBeLessThan(0.005);
    expect(Math.abs(sim.serviceLevel - erlang.serviceLevel)).toBeLessThan(0.02);
    const asa = sim.result.overall.asaSeconds;
    expect(Math.abs(asa - erlang.asaSeconds) / erlang.asaSeconds).toBeLessThan(0.1);
  });

  it('agrees with Erlang A on service level and abandonment (M/M/15+M, patience 90 s)', () => {
    const erlang = erlangAMetrics(
      15,
      { contacts: 240, intervalSeconds: 1800, handleSeconds: 120, patienceSeconds: 90 },
      20,
    );
    const sim = stationary(15, 90, 12, 20);
    expect(Math.abs(sim.serviceLevel - erlang.serviceLevel)).toBeLessThan(0.02);
    expect(Math.abs(sim.abandonRate - erlang.probabilityAbandon)).toBeLessThan(0.01);
  });

  it('follows a changing schedule and is reproducible from its seed', () => {
    const config = {
      intervalSeconds: 1800,
      intervals: [
        { expectedArrivals: 100, agents: 8 },
        { expectedArrivals: 300, agents: 8 },
        { expectedArrivals: 300, agents: 25 },
      ],
      handle: { kind: 'empirical' as const, samplesSeconds: [60, 90, 120, 240, 600] },
      patienceSeconds: 120,
      answerSeconds: 30,
      replications: 5,
      seed: 3,
    };
    const a = simulate(config);
    expect(simulate(config)).toEqual(a);
    // Under-staffed second interval serves far worse than the well-staffed third.
    expect(a.intervals[1]?.serviceLevel ?? 1).toBeLessThan((a.intervals[2]?.serviceLevel ?? 0) - 0.2);
    expect(a.intervals[1]?.abandonRate ?? 0).toBeGreaterThan(a.intervals[2]?.abandonRate ?? 1);
  });

  it('meets deferred deadlines when staffed by workload, and chat concurrency adds capacity', () => {
    const deferred = simulate({
      intervalSeconds: 1800,
      intervals: Array.from({ length: 8 }, () => ({ expectedArrivals: 60, agents: 3 })),
      handle: { kind: 'exponential', meanSeconds: 60 },
      answerSeconds: 3600,
      deadlineSeconds: 3600,
      replications: 10,
      seed: 5,
    });
    expect(deferred.overall.deadlineMet ?? 0).toBeGreaterThan(0.99);
    const chat = (slots: number) =>
      simulate({
        intervalSeconds: 1800,
        intervals: Array.from({ length: 6 }, () => ({ expectedArrivals: 120, agents: 15 })),
        handle: { kind: 'exponential', meanSeconds: 300 },
        concurrency: { slots, factors: { 1: 1, 2: 1.3 } },
        answerSeconds: 60,
        replications: 10,
        seed: 9,
      }).overall.serviceLevel;
    expect(chat(2)).toBeGreaterThan(chat(1) + 0.3);
  });
});
