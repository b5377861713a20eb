import { type Kysely, sql } from 'kysely';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { Database, DB } from '../db/index.ts';
import type { Activity } from './types.ts';

export interface ActivityConsumerOptions {
  db: Database;
  /** Unique per consumer: its cursor is stored under this name. */
  name: string;
  /** Handle rows in order inside the transaction that advances the cursor. */
  handle: (trx: Kysely<DB>, rows: Activity[]) => Promise<void>;
  /** Only these kinds reach `handle` (the cursor still moves past the others). */
  kinds?: readonly string[];
  batchSize?: number;
  idleMs?: number;
  /**
   * After a batch smaller than `batchSize`, wait this long before the next one, however often the
   * consumer is kicked meanwhile: rows gather into one batch instead of one transaction each.
   */
  lingerMs?: number;
  onError?: (error: unknown, row?: Activity) => void;
}

const DEFAULT_BATCH = 500;

interface CursorAndRow {
  last_id: number;
  id: number | null;
  account_id: string;
  conversation_id: string;
  kind: string;
  actor_user_id: string | null;
  message_id: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Follows the conversation activity log from a stored cursor. The handler's writes and the cursor
 * move commit together, so each row is handled exactly once even across restarts and processes
 * (a second process finds the cursor row locked and leaves the work to the first).
 */
export class ActivityConsumer {
  readonly #loop: WorkerLoop;
  #hasCursorRow = false;
  /** The highest log id this process knows the cursor has passed: lets an idle poll skip the transaction. */
  #knownDone = 0;

  constructor(private readonly options: ActivityConsumerOptions) {
    const lingerMs = options.lingerMs ?? 0;
    this.#loop = new WorkerLoop(() => this.runOnce(), {
      idleMs: options.idleMs ?? 1000,
      pauseAfter: (done) => (done < (options.batchSize ?? DEFAULT_BATCH) ? lingerMs : 0),
      ...(options.onError ? { onError: options.onError } : {}),
    });
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

  /** Handle one batch; returns how many log rows the cursor moved past. */
  async runOnce(): Promise<number> {
    try {
      return await this.#step(false);
    } catch (error) {
      this.options.onError?.(error);
      // One row is failing: go one row at a time, skipping (and reporting) the ones that throw,
      // so a single bad row cannot stop the feed for everything after it.
      return this.#step(true);
    }
  }

  /** Handle until the log is drained (tests and benches). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.runOnce();
      if (done === 0) return total;
      total += done;
    }
  }

  async #step(isCareful: boolean): Promise<number> {
    const { db, name } = this.options;
    const batchSize = isCareful ? 1 : (this.options.batchSize ?? DEFAULT_BATCH);
    if (!this.#hasCursorRow) {
      await db.kysely
        .insertInto('activity_cursors')
        .values({ consumer: name })
        .onConflict((oc) => oc.column('consumer').doNothing())
        .execute();
      this.#hasCursorRow = true;
    }
    // Every commit anywhere pokes every follower: most pokes find nothing new for this one. One
    // indexed probe answers that without a transaction and a cursor lock.
    const probe = await db.kysely
      .selectFrom('conversation_activity')
      .select('id')
      .where('id', '>', this.#knownDone)
      // Ordered, so the planner walks the primary key from the cursor instead of scanning.
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!probe) return 0;
    return db.kysely.transaction().execute(async (trx) => {
      // The cursor row (locked; a second process skips it) and the rows after it, in one statement.
      const result = await sql<CursorAndRow>`
        SELECT c.last_id, a.id, a.account_id, a.conversation_id, a.kind, a.actor_user_id,
               a.message_id, a.data, a.occurred_at
        FROM (SELECT last_id FROM activity_cursors WHERE consumer = ${name} FOR UPDATE SKIP LOCKED) AS c
        LEFT JOIN LATERAL (
          SELECT * FROM conversation_activity WHERE id > c.last_id ORDER BY id LIMIT ${batchSize}
        ) AS a ON true
        ORDER BY a.id`.execute(trx);
      const first = result.rows[0];
      if (!first) return 0; // another process holds the cursor
      this.#knownDone = Math.max(this.#knownDone, Number(first.last_id));
      const rows = result.rows.filter((row): row is CursorAndRow & { id: number } => row.id !== null);
      if (rows.length === 0) return 0;
      const wanted = this.options.kinds ? new Set(this.options.kinds) : null;
      const activity: Activity[] = rows
        .filter((row) => !wanted || wanted.has(row.kind))
        .map((row) => ({
          id: Number(row.id),
          accountId: row.account_id,
          conversationId: row.conversation_id,
          kind: row.kind,
          actorUserId: row.actor_user_id,
          messageId: row.message_id,
          data: row.data,
          occurredAt: row.occurred_at,
        }));
      if (activity.length > 0) {
        if (isCareful) {
          await sql`SAVEPOINT activity_row`.execute(trx);
          try {
            await this.options.handle(trx, activity);
            await sql`RELEASE SAVEPOINT activity_row`.execute(trx);
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT activity_row`.execute(trx);
            this.options.onError?.(error, activity[0]);
          }
        } else await this.options.handle(trx, activity);
      }
      const newLast = Number(rows[rows.length - 1]!.id);
      await trx
        .updateTable('activity_cursors')
        .set({ last_id: newLast, updated_at: new Date() })
        .where('consumer', '=', name)
        .execute();
      this.#knownDone = newLast;
      return rows.length;
    });
  }
}
