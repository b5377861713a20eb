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
  onError?: (error: unknown, row?: Activity) => void;
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
    this.#loop = new WorkerLoop(() => this.runOnce(), {
      idleMs: options.idleMs ?? 1000,
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
    const batchSize = isCareful ? 1 : (this.options.batchSize ?? 500);
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
      const cursor = await sql<{ last_id: number }>`
        SELECT last_id FROM activity_cursors WHERE consumer = ${name} FOR UPDATE SKIP LOCKED`.execute(trx);
      const lastId = cursor.rows[0]?.last_id;
      if (lastId === undefined) return 0; // another process holds it
      this.#knownDone = Math.max(this.#knownDone, Number(lastId));
      const rows = await trx
        .selectFrom('conversation_activity')
        .selectAll()
        .where('id', '>', Number(lastId))
        .orderBy('id')
        .limit(batchSize)
        .execute();
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
