import { requiredAgentsErlangC, type ServiceTarget } from './erlang.ts';
import { requiredAgentsErlangA } from './erlang-a.ts';

/**
 * Handle-time multiplier when an agent works k chats at once, e.g. {1: 1, 2: 1.3, 3: 1.75}:
 * each chat takes 1.3× as long with two open, so throughput per agent is 2/1.3 chats per AHT.
 */
export type ConcurrencyFactors = Record<number, number>;

/** Effective agent-seconds per chat at concurrency k: AHT × factor(k) / k. */
export function effectiveHandleSeconds(
  handleSeconds: number,
  concurrency: number,
  factors: ConcurrencyFactors,
) {
  const factor = factors[concurrency];
  if (factor === undefined) throw new Error(`no concurrency factor for ${concurrency}`);
  return (handleSeconds * factor) / concurrency;
}

export type ImmediateModel = 'erlangC' | 'erlangA';

export interface ImmediateChannel {
  kind: 'immediate';
  name: string;
  /** Forecast arrivals per interval. */
  volume: number[];
  /** Handle seconds per contact, one value or one per interval. */
  handleSeconds: number | number[];
  target: ServiceTarget;
  model?: ImmediateModel;
  /** Required for Erlang A. */
  patienceSeconds?: number;
  /** Chats: agents work `concurrency` contacts at once, slowed by `concurrencyFactors`. */
  concurrency?: number;
  concurrencyFactors?: ConcurrencyFactors;
}

export interface DeferredChannel {
  kind: 'deferred';
  name: string;
  volume: number[];
  handleSeconds: number | number[];
  /** Every item must be handled within this many seconds of arrival. */
  responseSeconds: number;
  /** Agents on deferred work are busy at most this fraction of the time (default 0.9). */
  maxOccupancy?: number;
  /** Items (agent-seconds) already waiting at the start of the horizon. */
  initialBacklogSeconds?: number;
}

export type Channel = ImmediateChannel | DeferredChannel;

export interface ChannelRequirement {
  name: string;
  /** Productive agents needed per interval (before shrinkage). */
  agents: number[];
  /** Deferred only: work left over at the end of each interval, agent-seconds. */
  backlogSeconds?: number[];
  /** Immediate only: predicted service level per interval at the required staffing. */
  serviceLevel?: number[];
}

function handleAt(handle: number | number[], i: number): number {
  return typeof handle === 'number' ? handle : (handle[i] ?? handle[handle.length - 1] ?? 0);
}

export function staffImmediate(channel: ImmediateChannel, intervalSeconds: number): ChannelRequirement {
  const agents: number[] = [];
  const serviceLevel: number[] = [];
  const concurrency = channel.concurrency ?? 1;
  channel.volume.forEach((contacts, i) => {
    const raw = handleAt(channel.handleSeconds, i);
    const handleSeconds =
      concurrency > 1 ? effectiveHandleSeconds(raw, concurrency, channel.concurrencyFactors ?? {}) : raw;
    const input = { contacts, intervalSeconds, handleSeconds };
    const m =
      channel.model === 'erlangA'
        ? requiredAgentsErlangA(
            { ...input, patienceSeconds: channel.patienceSeconds ?? Infinity },
            channel.target,
          )
        : requiredAgentsErlangC(input, channel.target);
    agents.push(m.agents);
    serviceLevel.push(m.serviceLevel);
  });
  return { name: channel.name, agents, serviceLevel };
}

/**
 * Deferred work (email, social threads) staffed by workload: each interval gets the smallest
 * constant rate that finishes all outstanding work by its deadlines (max over look-ahead windows
 * of work due ÷ window capacity at max occupancy), then works earliest-deadline-first and carries
 * the rest as backlog. Later arrivals are never due inside the current window, so only work
 * already arrived counts.
 */
export function staffDeferred(channel: DeferredChannel, intervalSeconds: number): ChannelRequirement {
  const perAgent = intervalSeconds * (channel.maxOccupancy ?? 0.9);
  const n = channel.volume.length;
  // An item arriving in interval i must be done by the end of interval i + lag.
  const lag = Math.max(0, Math.ceil(channel.responseSeconds / intervalSeconds) - 1);
  const outstanding = new Array<number>(n).fill(0);
  outstanding[Math.min(lag, n - 1)] = channel.initialBacklogSeconds ?? 0;
  const agents: number[] = [];
  const backlogSeconds: number[] = [];
  for (let t = 0; t < n; t++) {
    const due = Math.min(t + lag, n - 1);
    outstanding[due] =
      (outstanding[due] ?? 0) + (channel.volume[t] ?? 0) * handleAt(channel.handleSeconds, t);
    let rate = 0;
    let dueWithin = 0;
    for (let k = 0; k <= lag && t + k < n; k++) {
      dueWithin += outstanding[t + k] ?? 0;
      rate = Math.max(rate, dueWithin / ((k + 1) * perAgent));
    }
    const need = Math.ceil(rate - 1e-9);
    agents.push(need);
    let capacity = need * perAgent;
    let left = 0;
    for (let d = t; d < n; d++) {
      const take = Math.min(capacity, outstanding[d] ?? 0);
      outstanding[d] = (outstanding[d] ?? 0) - take;
      capacity -= take;
      left += outstanding[d] ?? 0;
    }
    backlogSeconds.push(left);
  }
  return { name: channel.name, agents, backlogSeconds };
}

export interface StaffingOptions {
  intervalSeconds: number;
  /** Fraction of paid time lost to breaks, training, absence (0.3 = 30%). */
  shrinkage: number;
}

export interface StaffingPlan {
  channels: ChannelRequirement[];
  /** Productive agents needed per interval, all channels in dedicated pools. */
  productive: number[];
  /** Agents to schedule per interval: productive ÷ (1 − shrinkage), rounded up. */
  scheduled: number[];
}

/** Required agents per interval per channel and combined, grossed up for shrinkage. */
export function planStaffing(channels: readonly Channel[], options: StaffingOptions): StaffingPlan {
  if (options.shrinkage < 0 || options.shrinkage >= 1) throw new Error('shrinkage must be in [0, 1)');
  const requirements = channels.map((c) =>
    c.kind === 'immediate'
      ? staffImmediate(c, options.intervalSeconds)
      : staffDeferred(c, options.intervalSeconds),
  );
  const length = Math.max(0, ...requirements.map((r) => r.agents.length));
  const productive = Array.from({ length }, (_, i) =>
    requirements.reduce((s, r) => s + (r.agents[i] ?? 0), 0),
  );
  const scheduled = productive.map((p) => Math.ceil(p / (1 - options.shrinkage) - 1e-9));
  return { channels: requirements, productive, scheduled };
}
