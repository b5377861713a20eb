import { retentionLoop, type WorkerLoop } from '../channels/worker-loop.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';

const BATCH = 5000;

/**
 * Delete realtime events older than `olderThan`, oldest first, at most `BATCH` at a time; returns
 * how many went. The stream tells a client that resumes from before the oldest event left to
 * reload instead of replaying (see `RealtimeHub.oldestId`).
 */
export async function pruneRealtimeEvents(db: Database, olderThan: Date): Promise<number> {
  const result = await db.kysely
    .deleteFrom('realtime_events')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('realtime_events')
        .select('id')
        .where('created_at', '<', olderThan)
        .orderBy('id')
        .limit(BATCH),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Keeps the realtime log to its retention: prunes at start and then every ten minutes. */
export function realtimeRetention(options: {
  db: Database;
  clock: Clock;
  retentionHours: number;
  onError: (error: unknown) => void;
}): WorkerLoop {
  return retentionLoop({
    clock: options.clock,
    keepMs: options.retentionHours * 3_600_000,
    everyMs: 10 * 60_000,
    batch: BATCH,
    prune: (olderThan) => pruneRealtimeEvents(options.db, olderThan),
    onError: options.onError,
  });
}
