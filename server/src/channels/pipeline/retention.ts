import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import { retentionLoop, type WorkerLoop } from '../worker-loop.ts';

const BATCH = 5000;

/**
 * Delete processed webhook deliveries handled before `olderThan`, at most `BATCH` at a time;
 * returns how many went. Pending and dead (parked) deliveries are kept: those still need work or
 * an admin's replay. A platform's redelivery of a pruned delivery is still a no-op, because every
 * message is unique on (channel, external id).
 */
export async function pruneInboundEvents(db: Database, olderThan: Date): Promise<number> {
  const result = await db.kysely
    .deleteFrom('inbound_events')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('inbound_events')
        .select('id')
        .where('status', '=', 'done')
        .where('processed_at', '<', olderThan)
        .orderBy('processed_at')
        .limit(BATCH),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Keeps processed deliveries to their retention: prunes at start and then every hour. */
export function inboundRetention(options: {
  db: Database;
  clock: Clock;
  retentionDays: number;
  onError: (error: unknown) => void;
}): WorkerLoop {
  return retentionLoop({
    clock: options.clock,
    keepMs: options.retentionDays * 86_400_000,
    everyMs: 60 * 60_000,
    batch: BATCH,
    prune: (olderThan) => pruneInboundEvents(options.db, olderThan),
    onError: options.onError,
  });
}
