// The routing and SLA followers cost a fixed number of statements per batch, not per conversation:
// on the embedded database every statement is a fixed cost, so this is what keeps ingest fast.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../activity/index.ts';
import { testEngines } from '../../db/testing.ts';
import {
  apiMessage,
  drainInbound,
  manualClock,
  postWebhook,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { handleRoutingActivity, handleSlaActivity } from './follower.ts';
import { openDesk } from './test-helpers.ts';

describe.each(testEngines())('statements per follower batch (%s)', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  /** New conversations stored by the inbound worker, and the activity rows the followers would get. */
  async function arrivals(count: number) {
    const desk = await openDesk(server, clock);
    for (let i = 0; i < 3; i++) {
      const agent = await desk.agent();
      await desk.capacity(agent.userId, { chat: 8, social: 8 });
      await desk.online(agent.userId);
    }
    await desk.settle();
    const db = server.runtime.ctx.db.kysely;
    const before = await db
      .selectFrom('conversation_activity')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    for (let i = 0; i < count; i++)
      await postWebhook(
        server,
        desk.channel,
        apiMessage({ authorId: `batch-${count}-${i}`, occurredAt: clock().toISOString() }),
      );
    await drainInbound(server);
    const rows = await db
      .selectFrom('conversation_activity')
      .selectAll()
      .where('account_id', '=', desk.accountId)
      .where('id', '>', Number(before.last ?? 0))
      .orderBy('id')
      .execute();
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
    return { desk, activity };
  }

  /** Run a handler in a transaction whose statements are counted. */
  async function counted<T>(
    handle: Parameters<ReturnType<typeof server.runtime.ctx.db.kysely.transaction>['execute']>[0],
  ) {
    let statements = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const result = (await server.runtime.ctx.db.kysely.withPlugin(plugin).transaction().execute(handle)) as T;
    return { statements, result };
  }

  it('routing assigns a batch of 2 or 12 new conversations with the same statements', async () => {
    const route = (activity: Activity[]) => counted((trx) => handleRoutingActivity(trx, activity, clock()));
    const small = await arrivals(2);
    const a = await route(small.activity);
    const large = await arrivals(12);
    const b = await route(large.activity);
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(12);
    // And they were all assigned.
    for (const { desk, count } of [
      { desk: small.desk, count: 2 },
      { desk: large.desk, count: 12 },
    ]) {
      const items = await desk.listAll();
      expect(items).toHaveLength(count);
      expect(items.every((c: { assignee: unknown }) => c.assignee !== null)).toBe(true);
    }
  });

  it('SLA recomputes a batch of 2 or 12 conversations with the same statements', async () => {
    const recompute = (activity: Activity[]) => counted((trx) => handleSlaActivity(trx, activity, clock()));
    const small = await arrivals(2);
    const a = await recompute(small.activity);
    const large = await arrivals(12);
    const b = await recompute(large.activity);
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(10);
    const items = await large.desk.listAll();
    expect(
      items.every((c: { sla: { firstResponseDueAt: string | null } }) => c.sla.firstResponseDueAt !== null),
    ).toBe(true);
  });
});
