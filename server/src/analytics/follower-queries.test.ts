// biome-ignore-all lint/suspicious/noExplicitAny: the test reads loosely typed JSON reports
// The analytics follower runs inside the transaction that moves its cursor, once per batch of the
// activity log: its cost is the number of statements it sends, so it reads and writes per batch,
// not per event. Counted here with a Kysely plugin on the follower's transaction.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../activity/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { RECORDED_KINDS, recordActivity } from './index.ts';

const RANGE = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

/** Counts every statement sent through the Kysely instance it is attached to. */
function statementCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      return args.node;
    },
    async transformResult(args) {
      this.count += 1;
      return args.result;
    },
  };
}

describe.each(testEngines())('analytics follower statements on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const api = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    expect(res.statusCode).toBeLessThan(300);
    return res.json() as Record<string, any>;
  };

  it('sends a few statements per batch, not per event, and records the same numbers', async () => {
    const db = server.runtime.ctx.db.kysely;
    const account = await seedAccount(server);
    const agent = await addUser(server, account.accountId, 'agent');
    const channel = await createApiChannel(server, account.cookie);
    // Six customers write; each conversation is assigned, answered, followed up, answered again and
    // resolved; every other customer writes once more after that (a reopen).
    const customers = ['a', 'b', 'c', 'd', 'e', 'f'];
    const minute = () => clock.advance(60_000);
    for (const name of customers) {
      minute();
      await postWebhook(
        server,
        channel,
        apiMessage({ authorId: `q-${name}`, occurredAt: clock().toISOString() }),
      );
    }
    await drainInbound(server);
    const ids = ((await api(account.cookie, 'GET', '/conversations')).items as { id: string }[]).map(
      (c) => c.id,
    );
    expect(ids).toHaveLength(customers.length);
    for (const [i, id] of ids.entries()) {
      minute();
      await api(account.cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: agent.userId });
      minute();
      await api(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'Looking into it' });
      minute();
      await postWebhook(
        server,
        channel,
        apiMessage({ authorId: `q-${customers[i]}`, text: 'Any news?', occurredAt: clock().toISOString() }),
      );
      await drainInbound(server);
      minute();
      await api(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'It ships today' });
      minute();
      await api(agent.cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' });
      if (i % 2 === 0) {
        minute();
        await postWebhook(
          server,
          channel,
          apiMessage({
            authorId: `q-${customers[i]}`,
            text: 'It broke again',
            occurredAt: clock().toISOString(),
          }),
        );
        await drainInbound(server);
      }
    }
    await drainActivity(server);
    const live = (await api(account.cookie, 'GET', `/analytics/summary?${RANGE}`)).kpis;
    expect(live.volume.newConversations).toBe(customers.length);
    expect(live.reopen.reopens).toBe(customers.length / 2);

    const log = await db
      .selectFrom('conversation_activity')
      .selectAll()
      .where('account_id', '=', account.accountId)
      .where('kind', 'in', [...RECORDED_KINDS])
      .orderBy('id')
      .execute();
    const activity: Activity[] = log.map((row) => ({
      id: Number(row.id),
      accountId: row.account_id,
      conversationId: row.conversation_id,
      kind: row.kind,
      actorUserId: row.actor_user_id,
      messageId: row.message_id,
      data: row.data,
      occurredAt: row.occurred_at,
    }));
    /** Forget the account's reporting rows and record its log again in batches, counting statements. */
    const replay = async (batchSize: number) => {
      const counter = statementCounter();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('analytics_events').where('account_id', '=', account.accountId).execute();
        await trx.deleteFrom('analytics_conversations').where('account_id', '=', account.accountId).execute();
        await trx.deleteFrom('analytics_rollup_15m').where('account_id', '=', account.accountId).execute();
      });
      for (let i = 0; i < activity.length; i += batchSize)
        await db
          .transaction()
          .execute((trx) =>
            recordActivity(trx.withPlugin(counter), activity.slice(i, i + batchSize), { clock }),
          );
      expect((await api(account.cookie, 'GET', `/analytics/summary?${RANGE}`)).kpis).toEqual(live);
      return counter.count / activity.length;
    };
    // Row by row (the follower woken by every commit): 3 statements (accounts, summaries, write),
    // plus one for a conversation seen first and one per resolution (handle time): 201 for these
    // 63 rows, where reading settings, calendar, summary and webhooks per row took 396.
    expect(await replay(1)).toBeLessThan(3.5);
    // The whole log as one batch: 5 statements for 63 rows (it was 148).
    expect(await replay(activity.length)).toBeLessThanOrEqual(5 / activity.length);
  });
});
