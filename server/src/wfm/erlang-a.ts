import { type ErlangCInput, requiredAgentsErlangC, trafficErlangs } from './erlang.ts';

/**
 * Erlang A (M/M/n+M, Palm's model): exponential patience with mean `patienceSeconds`. Computed
 * exactly from the birth–death chain (death rate min(k,n)·μ + max(k−n,0)·θ) in log space, with
 * the waiting-time distribution of an arriving contact obtained by uniformisation. No
 * approximations beyond truncating a tail whose mass is below 1e-16.
 */
export interface ErlangAInput extends ErlangCInput {
  patienceSeconds: number;
}

export interface ErlangAMetrics {
  agents: number;
  erlangs: number;
  /** P(W > 0): an arrival finds all agents busy. */
  probabilityWait: number;
  /** Fraction of arrivals that abandon. */
  probabilityAbandon: number;
  /** Answered within `answerSeconds`, over all arrivals (abandons count against). */
  serviceLevel: number;
  /** Abandoned within `answerSeconds`, over all arrivals (for "short abandons" variants). */
  abandonWithinAnswerSeconds: number;
  /** Mean wait of answered contacts, seconds. */
  asaSeconds: number;
  /** Mean wait of all arrivals including those who abandon, seconds (= E[Q]/λ). */
  meanWaitAllSeconds: number;
  occupancy: number;
}

const tailEpsilon = 1e-16;

/** Stationary probabilities of the number in system, truncated where the tail is negligible. */
function stationary(agents: number, lambda: number, mu: number, theta: number): number[] {
  const logw: number[] = [0];
  let k = 0;
  let maxLog = 0;
  for (;;) {
    k++;
    const death = Math.min(k, agents) * mu + Math.max(k - agents, 0) * theta;
    const next = (logw[k - 1] ?? 0) + Math.log(lambda) - Math.log(death);
    logw.push(next);
    if (next > maxLog) maxLog = next;
    // Stop once past the mode, in the decreasing tail, and negligible.
    if (k > agents && lambda < death && next - maxLog < Math.log(tailEpsilon)) break;
    if (k > agents + 5_000_000) throw new Error('queue tail does not converge');
  }
  const w = logw.map((l) => Math.exp(l - maxLog));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/** Answered-by-T and abandoned-by-T probabilities for an arrival, from the queue it finds. */
function waitingOutcomes(ahead: number[], agents: number, mu: number, theta: number, t: number) {
  const rates = ahead.map((_, j) => agents * mu + j * theta);
  const uniform = (rates[rates.length - 1] ?? agents * mu) + theta;
  const lt = uniform * t;
  let p = ahead.slice();
  let served = 0;
  let abandoned = 0;
  let answeredByT = 0;
  let abandonedByT = 0;
  // Poisson(n; Λt) weights, in log space so Λt in the thousands cannot underflow the start.
  const steps = Math.ceil(lt + 12 * Math.sqrt(lt) + 20);
  let logWeight = -lt;
  let cumulativeWeight = 0;
  for (let n = 0; n <= steps; n++) {
    const weight = Math.exp(logWeight);
    cumulativeWeight += weight;
    answeredByT += weight * served;
    abandonedByT += weight * abandoned;
    const next = new Array<number>(p.length).fill(0);
    for (let j = 0; j < p.length; j++) {
      const pj = p[j] ?? 0;
      if (pj === 0) continue;
      const r = rates[j] ?? 0;
      next[j] = (next[j] ?? 0) + pj * (1 - (r + theta) / uniform);
      if (j === 0) served += (pj * r) / uniform;
      else next[j - 1] = (next[j - 1] ?? 0) + (pj * r) / uniform;
      abandoned += (pj * theta) / uniform;
    }
    p = next;
    logWeight += Math.log(lt) - Math.log(n + 1);
  }
  // Mass beyond `steps` Poisson events has absorbed at least as much as at `steps`.
  answeredByT += (1 - cumulativeWeight) * served;
  abandonedByT += (1 - cumulativeWeight) * abandoned;
  return { answeredByT, abandonedByT };
}

export function erlangAMetrics(agents: number, input: ErlangAInput, answerSeconds: number): ErlangAMetrics {
  const erlangs = trafficErlangs(input);
  const lambda = input.contacts / input.intervalSeconds;
  const mu = 1 / input.handleSeconds;
  const theta = Number.isFinite(input.patienceSeconds) ? 1 / input.patienceSeconds : 0;
  if (lambda <= 0) {
    return {
      agents,
      erlangs,
      probabilityWait: 0,
      probabilityAbandon: 0,
      serviceLevel: 1,
      abandonWithinAnswerSeconds: 0,
      asaSeconds: 0,
      meanWaitAllSeconds: 0,
      occupancy: 0,
    };
  }
  if (theta === 0 && erlangs >= agents) {
    // Infinitely patient contacts and too few agents: the queue grows without bound.
    return {
      agents,
      erlangs,
      probabilityWait: 1,
      probabilityAbandon: 0,
      serviceLevel: 0,
      abandonWithinAnswerSeconds: 0,
      asaSeconds: Infinity,
      meanWaitAllSeconds: Infinity,
      occupancy: 1,
    };
  }
  const pi = stationary(agents, lambda, mu, theta);
  const ahead = pi.slice(agents);
  const probabilityWait = ahead.reduce((a, b) => a + b, 0);
  let meanQueue = 0;
  let servedWaitSum = 0;
  let laplace = 1;
  let reciprocalSum = 0;
  let servedAfterWait = 0;
  ahead.forEach((p, j) => {
    meanQueue += j * p;
    // Served iff patience outlasts V = Σ_{i≤j} Exp(nμ + iθ): E[e^{−θV}] and E[V e^{−θV}] in closed form.
    const r = agents * mu + j * theta;
    laplace *= r / (r + theta);
    reciprocalSum += 1 / (r + theta);
    servedAfterWait += p * laplace;
    servedWaitSum += p * laplace * reciprocalSum;
  });
  const probabilityAbandon = (theta * meanQueue) / lambda;
  const noWait = 1 - probabilityWait;
  const { answeredByT, abandonedByT } = waitingOutcomes(ahead, agents, mu, theta, answerSeconds);
  const answered = noWait + servedAfterWait;
  return {
    agents,
    erlangs,
    probabilityWait,
    probabilityAbandon,
    serviceLevel: noWait + answeredByT,
    abandonWithinAnswerSeconds: abandonedByT,
    asaSeconds: answered > 0 ? servedWaitSum / answered : 0,
    meanWaitAllSeconds: meanQueue / lambda,
    // Busy agents = carried traffic = offered × answered fraction.
    occupancy: agents > 0 ? Math.min(1, (erlangs * (1 - probabilityAbandon)) / agents) : 0,
  };
}

export interface ErlangATarget {
  serviceLevel: number;
  answerSeconds: number;
  maxAbandonRate?: number;
  maxOccupancy?: number;
}

function meets(m: ErlangAMetrics, target: ErlangATarget): boolean {
  return (
    m.serviceLevel >= target.serviceLevel &&
    (target.maxAbandonRate === undefined || m.probabilityAbandon <= target.maxAbandonRate) &&
    (target.maxOccupancy === undefined || m.occupancy <= target.maxOccupancy)
  );
}

/** Smallest agent count meeting the target; bisection, since every measure is monotone in agents. */
export function requiredAgentsErlangA(input: ErlangAInput, target: ErlangATarget): ErlangAMetrics {
  if (trafficErlangs(input) <= 0) return erlangAMetrics(0, input, target.answerSeconds);
  // Erlang C's answer (infinitely patient callers) is a safe upper start.
  let high = requiredAgentsErlangC(input, { ...target }).agents;
  while (!meets(erlangAMetrics(high, input, target.answerSeconds), target)) high *= 2;
  let low = 0;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (meets(erlangAMetrics(mid, input, target.answerSeconds), target)) high = mid;
    else low = mid;
  }
  return erlangAMetrics(high, input, target.answerSeconds);
}
