import { createRng, exponential, MinHeap } from './rng.ts';
import type { ConcurrencyFactors } from './staffing.ts';

export type HandleTimeModel =
  | { kind: 'exponential'; meanSeconds: number }
  | { kind: 'empirical'; samplesSeconds: number[] };

export interface SimulationConfig {
  intervalSeconds: number;
  /** Expected arrivals and agents on duty per interval. */
  intervals: { expectedArrivals: number; agents: number }[];
  handle: HandleTimeModel;
  /** Mean of exponential patience; omit for infinitely patient contacts (Erlang C, deferred work). */
  patienceSeconds?: number;
  /** Chat: each agent works `slots` contacts at once, each slowed by `factors[slots]`. */
  concurrency?: { slots: number; factors: ConcurrencyFactors };
  /** Service-level threshold on the wait (immediate) … */
  answerSeconds: number;
  /** … and, for deferred work, the deadline from arrival to completion. */
  deadlineSeconds?: number;
  replications: number;
  seed: number;
}

export interface IntervalOutcome {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number;
  asaSeconds: number;
  abandonRate: number;
  /** Deferred work: fraction completed within the deadline. */
  deadlineMet?: number;
}

export interface SimulationResult {
  intervals: IntervalOutcome[];
  overall: IntervalOutcome;
  /** Standard error of the overall service level across replications. */
  serviceLevelStdError: number;
  replicationServiceLevels: number[];
}

interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
  withinAnswer: number;
  waitSum: number;
  deadlineMet: number;
}

const emptyTally = (): Tally => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  withinAnswer: 0,
  waitSum: 0,
  deadlineMet: 0,
});

/**
 * One replication: Poisson arrivals (piecewise-constant rate), FIFO queue, pooled agent slots whose
 * number follows the schedule (a departing agent finishes the contact in hand). Abandonment is
 * resolved lazily when a contact reaches the head of the queue, which is exact for FIFO.
 */
function replicate(config: SimulationConfig, rng: () => number, tallies: Tally[]): void {
  const { intervalSeconds, intervals } = config;
  const slots = config.concurrency?.slots ?? 1;
  const slowdown = config.concurrency ? (config.concurrency.factors[slots] ?? 1) : 1;
  const handleTime = () =>
    slowdown *
    (config.handle.kind === 'exponential'
      ? exponential(rng, config.handle.meanSeconds)
      : (config.handle.samplesSeconds[Math.floor(rng() * config.handle.samplesSeconds.length)] ?? 0));
  const patience = config.patienceSeconds;
  const departures = new MinHeap();
  const queue: { arrival: number; patience: number; interval: number }[] = [];
  let head = 0;
  const end = intervals.length * intervalSeconds;
  let capacity = (intervals[0]?.agents ?? 0) * slots;
  let nextBoundary = intervalSeconds;
  let boundaryIndex = 1;
  const rateAt = (i: number) => (intervals[i]?.expectedArrivals ?? 0) / intervalSeconds;
  const nextArrival = (from: number): number => {
    // Exponential gaps per interval; memorylessness lets us restart at each boundary.
    let t = from;
    for (;;) {
      const i = Math.floor(t / intervalSeconds);
      if (i >= intervals.length) return Number.POSITIVE_INFINITY;
      const rate = rateAt(i);
      const gap = rate > 0 ? exponential(rng, 1 / rate) : Number.POSITIVE_INFINITY;
      const boundary = (i + 1) * intervalSeconds;
      if (t + gap < boundary) return t + gap;
      t = boundary;
    }
  };
  const startService = (now: number, c: { arrival: number; interval: number }) => {
    const tally = tallies[c.interval] ?? emptyTally();
    const wait = now - c.arrival;
    const service = handleTime();
    tally.answered++;
    tally.waitSum += wait;
    if (wait <= config.answerSeconds) tally.withinAnswer++;
    if (config.deadlineSeconds !== undefined && wait + service <= config.deadlineSeconds) tally.deadlineMet++;
    departures.push(now + service);
  };
  const serveQueue = (now: number) => {
    while (departures.size < capacity && head < queue.length) {
      const c = queue[head++];
      if (!c) break;
      if (c.arrival + c.patience < now) {
        const tally = tallies[c.interval];
        if (tally) tally.abandoned++;
        continue;
      }
      startService(now, c);
    }
  };
  let arrival = nextArrival(0);
  for (;;) {
    const departure = departures.peek() ?? Number.POSITIVE_INFINITY;
    const boundary = boundaryIndex < intervals.length ? nextBoundary : Number.POSITIVE_INFINITY;
    const now = Math.min(arrival, departure, boundary);
    if (now === Number.POSITIVE_INFINITY) break;
    if (now === boundary) {
      capacity = (intervals[boundaryIndex]?.agents ?? 0) * slots;
      boundaryIndex++;
      nextBoundary += intervalSeconds;
      serveQueue(now);
    } else if (now === departure) {
      departures.pop();
      serveQueue(now);
    } else {
      const interval = Math.min(intervals.length - 1, Math.floor(now / intervalSeconds));
      const tally = tallies[interval];
      if (tally) tally.offered++;
      queue.push({
        arrival: now,
        patience: patience === undefined ? Infinity : exponential(rng, patience),
        interval,
      });
      serveQueue(now);
      arrival = nextArrival(now);
    }
    // After the last interval the final staffing keeps draining the queue.
    if (now > end && head >= queue.length && departures.size === 0) break;
  }
  for (; head < queue.length; head++) {
    const c = queue[head];
    const tally = c ? tallies[c.interval] : undefined;
    if (tally) tally.abandoned++;
  }
}

function outcome(t: Tally, hasDeadline: boolean): IntervalOutcome {
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    serviceLevel: t.offered > 0 ? t.withinAnswer / t.offered : 1,
    asaSeconds: t.answered > 0 ? t.waitSum / t.answered : 0,
    abandonRate: t.offered > 0 ? t.abandoned / t.offered : 0,
    ...(hasDeadline ? { deadlineMet: t.offered > 0 ? t.deadlineMet / t.offered : 1 } : {}),
  };
}

function add(into: Tally, t: Tally): void {
  into.offered += t.offered;
  into.answered += t.answered;
  into.abandoned += t.abandoned;
  into.withinAnswer += t.withinAnswer;
  into.waitSum += t.waitSum;
  into.deadlineMet += t.deadlineMet;
}

/** Run independent seeded replications; per-interval figures pool all replications. */
export function simulate(
  config: SimulationConfig,
  onProgress?: (done: number, total: number) => void,
): SimulationResult {
  const rng = createRng(config.seed);
  const pooled = config.intervals.map(emptyTally);
  const replicationServiceLevels: number[] = [];
  for (let r = 0; r < config.replications; r++) {
    const tallies = config.intervals.map(emptyTally);
    replicate(config, rng, tallies);
    const total = emptyTally();
    tallies.forEach((t, i) => {
      add(total, t);
      add(pooled[i] ?? emptyTally(), t);
    });
    replicationServiceLevels.push(outcome(total, false).serviceLevel);
    onProgress?.(r + 1, config.replications);
  }
  const hasDeadline = config.deadlineSeconds !== undefined;
  const overall = emptyTally();
  for (const t of pooled) add(overall, t);
  const mean = replicationServiceLevels.reduce((a, b) => a + b, 0) / replicationServiceLevels.length;
  const variance =
    replicationServiceLevels.reduce((s, x) => s + (x - mean) ** 2, 0) /
    Math.max(1, replicationServiceLevels.length - 1);
  return {
    intervals: pooled.map((t) => outcome(t, hasDeadline)),
    overall: outcome(overall, hasDeadline),
    serviceLevelStdError: Math.sqrt(variance / replicationServiceLevels.length),
    replicationServiceLevels,
  };
}
