/**
 * Erlang B and C by the Erlang B recursion B(0)=1, B(n) = A·B(n−1) / (n + A·B(n−1)). The
 * recursion is forward-stable and never forms A^n or n!, so it works for thousands of Erlangs.
 */

/** Erlang B blocking probability for `agents` servers and offered traffic `erlangs`. */
export function erlangB(agents: number, erlangs: number): number {
  if (!Number.isInteger(agents) || agents < 0) throw new Error('agents must be a non-negative integer');
  if (erlangs < 0) throw new Error('traffic must be non-negative');
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (erlangs * b) / (n + erlangs * b);
  return b;
}

/** Erlang C from Erlang B: C = n·B / (n − A·(1 − B)); 1 when the queue is unstable (A ≥ n). */
export function erlangCFromB(agents: number, erlangs: number, blocking: number): number {
  if (erlangs >= agents) return 1;
  return (agents * blocking) / (agents - erlangs * (1 - blocking));
}

/** Erlang C probability that an arriving contact waits (M/M/n, infinite patience). */
export function erlangC(agents: number, erlangs: number): number {
  if (erlangs <= 0) return 0;
  return erlangCFromB(agents, erlangs, erlangB(agents, erlangs));
}

export interface ErlangCInput {
  /** Arrivals per interval. */
  contacts: number;
  intervalSeconds: number;
  handleSeconds: number;
}

export interface ErlangCMetrics {
  agents: number;
  erlangs: number;
  probabilityWait: number;
  /** P(wait ≤ answerSeconds). */
  serviceLevel: number;
  /** Mean wait over all contacts, seconds. */
  asaSeconds: number;
  occupancy: number;
}

export function trafficErlangs(input: ErlangCInput): number {
  return (input.contacts * input.handleSeconds) / input.intervalSeconds;
}

function metricsFromC(
  agents: number,
  erlangs: number,
  c: number,
  handleSeconds: number,
  answerSeconds: number,
) {
  if (erlangs >= agents) {
    return { agents, erlangs, probabilityWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1 };
  }
  return {
    agents,
    erlangs,
    probabilityWait: c,
    serviceLevel: 1 - c * Math.exp((-(agents - erlangs) * answerSeconds) / handleSeconds),
    asaSeconds: (c * handleSeconds) / (agents - erlangs),
    occupancy: erlangs / agents,
  };
}

/** Full Erlang C metrics for a given number of agents. */
export function erlangCMetrics(agents: number, input: ErlangCInput, answerSeconds: number): ErlangCMetrics {
  const erlangs = trafficErlangs(input);
  return metricsFromC(agents, erlangs, erlangC(agents, erlangs), input.handleSeconds, answerSeconds);
}

export interface ServiceTarget {
  /** Fraction of contacts to answer within `answerSeconds`, e.g. 0.8. */
  serviceLevel: number;
  answerSeconds: number;
  /** Optional cap on mean speed of answer. */
  maxAsaSeconds?: number;
  /** Optional cap on occupancy, e.g. 0.85. */
  maxOccupancy?: number;
}

/**
 * Smallest number of agents meeting every part of the target. Walks n upwards from ⌈A⌉ while
 * advancing the Erlang B recursion, so the whole search costs O(n) even at thousands of Erlangs.
 */
export function requiredAgentsErlangC(input: ErlangCInput, target: ServiceTarget): ErlangCMetrics {
  const erlangs = trafficErlangs(input);
  if (erlangs <= 0)
    return { agents: 0, erlangs: 0, probabilityWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
  let n = Math.max(1, Math.floor(erlangs) + 1);
  let b = erlangB(n, erlangs);
  for (;;) {
    const m = metricsFromC(
      n,
      erlangs,
      erlangCFromB(n, erlangs, b),
      input.handleSeconds,
      target.answerSeconds,
    );
    const meets =
      m.serviceLevel >= target.serviceLevel &&
      (target.maxAsaSeconds === undefined || m.asaSeconds <= target.maxAsaSeconds) &&
      (target.maxOccupancy === undefined || m.occupancy <= target.maxOccupancy);
    if (meets) return m;
    n++;
    b = (erlangs * b) / (n + erlangs * b);
  }
}
