import { Decimal } from 'decimal.js';
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

const D = Decimal.clone({ precision: 50 });

/**
 * The closed forms of Erlang A in Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications
 * to call centers" (2005, §3; also Garnett, Mandelbaum & Reiman 2002, MSOM 4(3), §3): with
 * x = nμ/θ, y = λ/θ, ρ = λ/(nμ), E = Erlang B(n, λ/μ) and
 *   A(x, y) = x·e^y / y^x · γ(x, y) = Σ_{j≥0} Π_{i=1..j} y/(x+i),
 * P(W>0) = A·E / (1 + (A−1)·E),  P(Ab | W>0) = 1/(ρA) + 1 − 1/ρ,  E[W] = P(Ab)/θ.
 * Evaluated here in 50-digit decimals from the series and the defining sums, independently of
 * the birth–death computation in erlang-a.ts. These are published formulas, not a published
 * table: no numeric Erlang A table was at hand to copy figures from.
 */
function referenceErlangA(agents: number, erlangs: number, patienceOverHandle: number) {
  const mu = new D(1);
  const theta = mu.div(patienceOverHandle);
  const lambda = new D(erlangs);
  const x = mu.times(agents).div(theta);
  const y = lambda.div(theta);
  let a = new D(0);
  let term = new D(1);
  for (let j = 0; ; j++) {
    if (j > 0) term = term.times(y).div(x.plus(j));
    a = a.plus(term);
    if (j > y.toNumber() && term.lt(new D(1e-45).times(a))) break;
  }
  let sum = new D(0);
  let power = new D(1);
  for (let k = 0; k <= agents; k++) {
    if (k > 0) power = power.times(erlangs).div(k);
    sum = sum.plus(power);
  }
  const blocking = power.div(sum);
  const pWait = a.times(blocking).div(new D(1).plus(a.minus(1).times(blocking)));
  const rho = lambda.div(mu.times(agents));
  const pAbGivenWait = new D(1).div(rho.times(a)).plus(1).minus(new D(1).div(rho));
  const pAbandon = pAbGivenWait.times(pWait);
  return { pWait, pAbandon, meanWaitOverHandle: pAbandon.div(theta) };
}

describe('Erlang A against the published closed forms (Mandelbaum & Zeltyn 2005)', () => {
  const cases = [
    { agents: 3, erlangs: 2.5, patienceOverHandle: 0.5 },
    { agents: 45, erlangs: 48, patienceOverHandle: 0.5 },
    { agents: 48, erlangs: 48, patienceOverHandle: 1 / 3 },
    { agents: 55, erlangs: 48, patienceOverHandle: 2 },
    { agents: 980, erlangs: 1000, patienceOverHandle: 0.6 },
  ];
  it.each(cases)('n = $agents, A = $erlangs E, patience/AHT = $patienceOverHandle', (c) => {
    const handleSeconds = 240;
    const input = {
      contacts: (c.erlangs * 1800) / handleSeconds,
      intervalSeconds: 1800,
      handleSeconds,
      patienceSeconds: c.patienceOverHandle * handleSeconds,
    };
    const m = erlangAMetrics(c.agents, input, 20);
    const ref = referenceErlangA(c.agents, c.erlangs, c.patienceOverHandle);
    const rel = (got: number, want: Decimal) => Math.abs(got - want.toNumber()) / want.toNumber();
    expect(rel(m.probabilityWait, ref.pWait)).toBeLessThan(1e-9);
    expect(rel(m.probabilityAbandon, ref.pAbandon)).toBeLessThan(1e-9);
    expect(rel(m.meanWaitAllSeconds / handleSeconds, ref.meanWaitOverHandle)).toBeLessThan(1e-9);
  });
});

describe('Erlang A against a published worked example', () => {
  // pyworkforce user guide, "Erlang A (abandonment)", basic usage
  // (https://pyworkforce.rodrigo-arenas.com/stable/guide/erlanga): 100 contacts per 30-minute
  // interval, 3-minute handle time, 5-minute mean patience, answer within 20 s, targets 80% service
  // level, occupancy at most 85%, abandonment at most 5%, shrinkage 30%. Published answer:
  // 13 raw positions (19 with shrinkage), service level 0.858…, occupancy 0.750…, abandonment
  // 0.025…, waiting probability 0.226…, average speed of answer 0.125… minutes (the mean wait of
  // every arrival, abandons included). The guide prints three decimals.
  const input = { contacts: 100, intervalSeconds: 1800, handleSeconds: 180, patienceSeconds: 300 };

  it('staffs 13 agents (19 with 30% shrinkage) with the published measures', () => {
    const m = requiredAgentsErlangA(input, {
      serviceLevel: 0.8,
      answerSeconds: 20,
      maxOccupancy: 0.85,
      maxAbandonRate: 0.05,
    });
    expect(m.agents).toBe(13);
    expect(Math.ceil(m.agents / (1 - 0.3))).toBe(19);
    expect(m.serviceLevel).toBeCloseTo(0.858, 3);
    expect(m.occupancy).toBeCloseTo(0.75, 3);
    expect(m.probabilityAbandon).toBeCloseTo(0.025, 3);
    expect(m.probabilityWait).toBeCloseTo(0.226, 3);
    expect(m.meanWaitAllSeconds / 60).toBeCloseTo(0.125, 3);
  });
});
