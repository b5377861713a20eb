// Recompute reporting events from the activity log (and messages, for surveys sent) for an audit:
// delete an account's reporting rows (events, summaries, rollup) and replay its whole log through
// the same recorder, which writes all three again, without acting (no surveys, status changes or
// webhooks).
import { type Kysely, sql } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { DB } from '../db/index.ts';
import { ANALYTICS_FOLLOWER } from './follower.ts';
import { RECORDED_KINDS, recordActivity } from './recorder.ts';

export interface RebuildProgress {
  accountId: string;
  done: number;
  total: number;
}

/** Rebuild one account (or every account); returns the number of activity rows replayed. */
export async function rebuildAnalytics(
  db: Kysely<DB>,
  options: {
    accountId?: string;
    batchSize?: number;
    clock: () => Date;
    onProgress?: (p: RebuildProgress) => void;
  },
): Promise<number> {
  const accounts = options.accountId
    ? [options.accountId]
    : (await db.selectFrom('accounts').select('id').orderBy('id').execute()).map((a) => a.id);
  const batchSize = options.batchSize ?? 2000;
  let replayed = 0;
  for (const accountId of accounts) {
    await db.transaction().execute(async (trx) => {
      // The whole account in one transaction: reports never see it half rebuilt. Holding the
      // follower's cursor row pauses the live follower meanwhile; the replay stops where the
      // follower's cursor is, so every row is still recorded exactly once (the follower records
      // the rest; if it never ran, it records everything itself).
      const cursor = await trx
        .selectFrom('activity_cursors')
        .select('last_id')
        .where('consumer', '=', ANALYTICS_FOLLOWER)
        .forUpdate()
        .executeTakeFirst();
      const upTo = Number(cursor?.last_id ?? 0);
      const totalRow = await trx
        .selectFrom('conversation_activity')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .where('kind', 'in', [...RECORDED_KINDS])
        .where('id', '<=', upTo)
        .executeTakeFirstOrThrow();
      const total = Number(totalRow.n);
      await trx.deleteFrom('analytics_events').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('analytics_conversations').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('analytics_rollup_15m').where('account_id', '=', accountId).execute();
      let lastId = 0;
      let done = 0;
      options.onProgress?.({ accountId, done, total });
      for (;;) {
        const rows = await trx
          .selectFrom('conversation_activity')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('kind', 'in', [...RECORDED_KINDS])
          .where('id', '>', lastId)
          .where('id', '<=', upTo)
          .orderBy('id')
          .limit(batchSize)
          .execute();
        if (rows.length === 0) break;
        const activity: Activity[] = rows.map((row) => ({
          id: Number(row.id),
          accountId: row.account_id,
          conversationId: row.conversation_id,
          kind: row.kind,
          actorUserId: row.actor_user_id,
          messageId: row.message_id,
          data: row.data,
          occurredAt: row.occurred_at,
        }));
        await recordActivity(trx, activity, { isReplay: true, clock: options.clock });
        lastId = Number(rows[rows.length - 1]!.id);
        done += rows.length;
        options.onProgress?.({ accountId, done, total });
      }
      replayed += done;
    });
  }
  await sql`ANALYZE analytics_events`.execute(db).catch(() => undefined);
  return replayed;
}
