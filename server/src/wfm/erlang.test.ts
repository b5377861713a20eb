import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, erlangCMetrics, requiredAgentsErlangC } from './erlang.ts';

const HighPrecision = Decimal.clone({ precision: 60 });

/** Erlang C from its definition, Σ A^k/k! in 60-digit decimal arithmetic (independent of the recursion). */
function referenceErlangC(agents: number, erlangs: number): Decimal {
  const a = new HighPrecision(erlangs);
  let term = new HighPrecision(1);
  let below = new HighPrecision(0);
  for (let k = 0; k < agents; k++) {
    below = below.plus(term);
    term = term.times(a).div(k + 1);
  }
  const top = term.times(agents).div(new HighPrecision(agents).minus(a));
  return top.div(below.plus(top));
}

describe('Erlang C', () => {
  // Westbay Engineers, "The Erlang-C formula" step-by-step example: 360 calls per half hour,
  // 4-minute calls, 55 agents, 15 s target → E_C = 0.2387, ASA = 8.184 s, P(wait ≤ 15 s) = 0.8459
  // (figures as reproduced at https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1, "Numerical Examples").
  it('reproduces the Westbay worked example', () => {
    const m = erlangCMetrics(55, { contacts: 360, intervalSeconds: 1800, handleSeconds: 240 }, 15);
    expect(m.erlangs).toBe(48);
    expect(m.probabilityWait).toBeCloseTo(0.2387, 4);
    expect(m.asaSeconds).toBeCloseTo(8.184, 3);
    expect(m.serviceLevel).toBeCloseTo(0.8459, 4);
    expect(m.occupancy).toBeCloseTo(48 / 55, 12);
  });

  it('agrees with a 60-digit evaluation of the definition to 1e-9 relative from 0.1 to 2000 Erlangs', () => {
    const traffic = [0.1, 0.37, 1, 2.5, 7.3, 10, 48, 99.9, 250, 512.5, 1000, 1500, 2000];
    let worst = 0;
    for (const a of traffic) {
      for (const agents of [
        Math.floor(a) + 1,
        Math.ceil(a + Math.sqrt(a)) + 1,
        Math.ceil(a + 3 * Math.sqrt(a)) + 2,
      ]) {
        const exact = referenceErlangC(agents, a);
        const relative = new HighPrecision(erlangC(agents, a)).minus(exact).abs().div(exact).toNumber();
        worst = Math.max(worst, relative);
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('matches Erlang B from the definition for a classic table entry', () => {
    // B(10 lines, 5 E) from Σ A^k/k! directly.
    let sum = 0;
    let term = 1;
    for (let k = 0; k <= 10; k++) {
      if (k > 0) term *= 5 / k;
      sum += term;
    }
    expect(erlangB(10, 5)).toBeCloseTo(term / sum, 14);
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5);
  });

  it('finds the minimal staffing, even at thousands of Erlangs', () => {
    const input = { contacts: 360, intervalSeconds: 1800, handleSeconds: 240 };
    const m = requiredAgentsErlangC(input, { serviceLevel: 0.8, answerSeconds: 15 });
    expect(m.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangCMetrics(m.agents - 1, input, 15).serviceLevel).toBeLessThan(0.8);
    const big = { contacts: 5000 * 6, intervalSeconds: 1800, handleSeconds: 300 };
    const large = requiredAgentsErlangC(big, { serviceLevel: 0.9, answerSeconds: 20 });
    expect(large.erlangs).toBe(5000);
    expect(large.agents).toBeGreaterThan(5000);
    expect(Number.isFinite(large.serviceLevel)).toBe(true);
    expect(erlangCMetrics(large.agents - 1, big, 20).serviceLevel).toBeLessThan(0.9);
  });

  it('reports an unstable queue instead of nonsense', () => {
    const m = erlangCMetrics(10, { contacts: 100, intervalSeconds: 1800, handleSeconds: 180 }, 20);
    expect(m.probabilityWait).toBe(1);
    expect(m.serviceLevel).toBe(0);
  });
});
