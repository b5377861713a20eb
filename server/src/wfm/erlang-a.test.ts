import { describe, expect, it } from 'vitest';
import { erlangCMetrics, requiredAgentsErlangC } from './erlang.ts';
import { erlangAMetrics, requiredAgentsErlangA } from './erlang-a.ts';

const base = { contacts: 360, intervalSeconds: 1800, handleSeconds: 240 };

describe('Erlang A', () => {
  it('tends to Erlang C as patience grows (Westbay example: 48 E, 55 agents)', () => {
    const a = erlangAMetrics(55, { ...base, patienceSeconds: 1e12 }, 15);
    const c = erlangCMetrics(55, base, 15);
    expect(a.probabilityWait).toBeCloseTo(c.probabilityWait, 8);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 8);
    expect(a.asaSeconds).toBeCloseTo(c.asaSeconds, 5);
    expect(a.probabilityAbandon).toBeLessThan(1e-9);
  });

  it('equals M/M/∞ when patience equals handle time (number in system is Poisson(A))', () => {
    // With θ = μ every contact leaves at rate μ whether waiting or served.
    const agents = 40;
    const a = erlangAMetrics(agents, { ...base, patienceSeconds: 240 }, 15);
    let p = Math.exp(-48);
    let below = 0;
    let meanBelow = 0;
    for (let k = 0; k < agents; k++) {
      below += p;
      meanBelow += k * p;
      p *= 48 / (k + 1);
    }
    const probabilityWait = 1 - below;
    // E[(K − n)+] = E[K] − E[K; K < n] − n·P(K ≥ n)
    const meanQueue = 48 - meanBelow - agents * probabilityWait;
    expect(a.probabilityWait).toBeCloseTo(probabilityWait, 10);
    expect(a.probabilityAbandon).toBeCloseTo(meanQueue / 48, 10);
  });

  it('accounts every arrival: answered + abandoned = 1, and answered-in-T ≤ answered', () => {
    const m = erlangAMetrics(45, { ...base, patienceSeconds: 120 }, 20);
    // P(answered) = 1 − P(abandon); the waiting-time computation must not exceed it.
    expect(m.serviceLevel).toBeLessThanOrEqual(1 - m.probabilityAbandon + 1e-12);
    expect(m.serviceLevel + m.abandonWithinAnswerSeconds).toBeLessThanOrEqual(1 + 1e-12);
    expect(m.occupancy).toBeCloseTo((48 * (1 - m.probabilityAbandon)) / 45, 10);
  });

  it('needs no more agents than Erlang C and stays finite at 2000 Erlangs', () => {
    const input = { contacts: 2000 * 6, intervalSeconds: 1800, handleSeconds: 300, patienceSeconds: 180 };
    const m = requiredAgentsErlangA(input, { serviceLevel: 0.8, answerSeconds: 20, maxAbandonRate: 0.02 });
    expect(m.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(m.probabilityAbandon).toBeLessThanOrEqual(0.02);
    const fewer = erlangAMetrics(m.agents - 1, input, 20);
    expect(fewer.serviceLevel < 0.8 || fewer.probabilityAbandon > 0.02).toBe(true);
    expect(m.agents).toBeGreaterThan(2000 * 0.9);
    expect(
      requiredAgentsErlangC(input, { serviceLevel: 0.8, answerSeconds: 20 }).agents,
    ).toBeGreaterThanOrEqual(m.agents);
  });

  it('handles infinite patience below the stability limit without throwing', () => {
    const input = { ...base, patienceSeconds: Infinity };
    expect(erlangAMetrics(40, input, 15).serviceLevel).toBe(0);
    expect(requiredAgentsErlangA(input, { serviceLevel: 0.8, answerSeconds: 15 }).agents).toBe(
      requiredAgentsErlangC(base, { serviceLevel: 0.8, answerSeconds: 15 }).agents,
    );
  });
});
