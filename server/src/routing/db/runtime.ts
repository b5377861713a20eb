// Wiring routing into a process: the activity-log follower and the periodic sweep, one pair per
// server context, so the follower can wake the sweep when capacity frees and routes can wake it when
// an agent comes online.
import { WorkerLoop } from '../../channels/worker-loop.ts';
import type { ServerContext } from '../../http/context.ts';
import type { Follower } from '../../runtime/followers.ts';
import {
  handleRoutingActivity,
  handleSlaActivity,
  ROUTING_FOLLOWER_KINDS,
  SLA_FOLLOWER_KINDS,
} from './follower.ts';
import { type SweepResult, sweepOnce } from './sweep.ts';

export const ROUTING_FOLLOWER_NAME = 'routing';
export const SLA_FOLLOWER_NAME = 'sla';

export class RoutingSweep {
  readonly #loop: WorkerLoop;
  constructor(
    private readonly ctx: ServerContext,
    onError?: (error: unknown) => void,
  ) {
    this.#loop = new WorkerLoop(
      async () => {
        const result = await this.runOnce();
        // Only assignments and reassignments can unlock more work at once; alerts and presence wait for the next tick.
        return result.assigned + result.reassigned;
      },
      { idleMs: 1000, ...(onError ? { onError } : {}) },
    );
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  kick(): void {
    this.#loop.kick();
  }

  /** One sweep at the context's clock (tests call this directly with a manual clock). */
  async runOnce(): Promise<SweepResult> {
    const result = await sweepOnce(this.ctx.db.kysely, this.ctx.clock());
    if (result.alerts + result.presenceChanged + result.reassigned + result.assigned > 0)
      await this.ctx.hub.announce();
    return result;
  }
}

const sweeps = new WeakMap<ServerContext, RoutingSweep>();

/** The context's routing sweep (created on first use; `runtime/start.ts` starts and stops it). */
export function routingSweep(ctx: ServerContext, onError?: (error: unknown) => void): RoutingSweep {
  let sweep = sweeps.get(ctx);
  if (!sweep) {
    sweep = new RoutingSweep(ctx, onError);
    sweeps.set(ctx, sweep);
  }
  return sweep;
}

/** Wait until the follower's cursor has moved past `lastId` (its transaction committed), then act. */
async function afterCommit(
  ctx: ServerContext,
  consumer: string,
  lastId: number,
  then: () => Promise<void> | void,
): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const row = await ctx.db.kysely
      .selectFrom('activity_cursors')
      .select('last_id')
      .where('consumer', '=', consumer)
      .executeTakeFirst();
    if (row && Number(row.last_id) >= lastId) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await then();
}

/**
 * The routing follower and the SLA follower of the activity log (one line in runtime/followers.ts).
 * Two consumers, so an assignment never waits for SLA recomputation.
 */
export function routingFollowers(ctx: ServerContext): Follower[] {
  return [routingFollower(ctx), slaFollower(ctx)];
}

function slaFollower(ctx: ServerContext): Follower {
  return {
    name: SLA_FOLLOWER_NAME,
    kinds: SLA_FOLLOWER_KINDS,
    batchSize: 200,
    idleMs: 1000,
    handle: async (trx, rows) => {
      if (!(await handleSlaActivity(trx, rows, ctx.clock()))) return;
      const lastId = Math.max(...rows.map((r) => r.id));
      void afterCommit(ctx, SLA_FOLLOWER_NAME, lastId, () => ctx.hub.announce()).catch(() => undefined);
    },
  };
}

function routingFollower(ctx: ServerContext): Follower {
  return {
    name: ROUTING_FOLLOWER_NAME,
    kinds: ROUTING_FOLLOWER_KINDS,
    batchSize: 200,
    idleMs: 1000,
    handle: async (trx, rows) => {
      const outcome = await handleRoutingActivity(trx, rows, ctx.clock());
      if (!outcome.published && !outcome.capacityFreed) return;
      const lastId = Math.max(...rows.map((r) => r.id));
      void afterCommit(ctx, ROUTING_FOLLOWER_NAME, lastId, async () => {
        if (outcome.published) await ctx.hub.announce();
        if (outcome.capacityFreed) routingSweep(ctx).kick();
      }).catch(() => undefined);
    },
  };
}
