import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
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
import { DeskSweep } from './sweep.ts';

const MINUTE = 60_000;

describe.each(testEngines())('time-rule sweep cost on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  /** A sweep whose statements are counted. */
  const countedSweep = () => {
    const counter = { statements: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        counter.statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = { ...server.runtime.ctx.db, kysely: server.runtime.ctx.db.kysely.withPlugin(plugin) };
    return { sweep: new DeskSweep({ db, clock, secretKey: server.runtime.ctx.secretKey }), counter };
  };
  const call = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const firedRules = async (cookie: string, id: string) =>
    (
      (await call(cookie, 'GET', `/conversations/${id}/activity`)).body.activity as {
        kind: string;
        data: { ruleName: string };
      }[]
    )
      .filter((a) => a.kind === 'rule.fired')
      .map((a) => a.data.ruleName);

  it('looks only at what is due: a tick with many customers waiting and nothing due costs a few statements', async () => {
    const { cookie } = await seedAccount(server);
    const rule = (name: string, minutes: number, words: string[]) =>
      call(cookie, 'POST', '/automation/rules', {
        name,
        trigger: { type: 'no_agent_reply', minutes },
        conditions: [{ type: 'text_contains', values: words }],
        actions: [{ type: 'set_priority', priority: 'high' }],
      });
    expect((await rule('Refunds waiting 15 min', 15, ['refund'])).status).toBe(201);
    const channel = await createApiChannel(server, cookie);
    const waiting = 40;
    for (let i = 0; i < waiting; i++)
      await postWebhook(
        server,
        channel,
        apiMessage({
          authorId: `c-${i}`,
          text: i < 3 ? 'I want a refund' : 'Hello',
          occurredAt: clock().toISOString(),
        }),
      );
    await drainInbound(server);
    await drainActivity(server);
    const ids = (
      (await call(cookie, 'GET', `/conversations?channel=${channel.id}&cases=all&limit=100`)).body.items as {
        id: string;
        preview?: string;
      }[]
    ).map((c) => c.id);
    expect(ids).toHaveLength(waiting);

    const first = countedSweep();
    await first.sweep.runOnce(); // schedules the new waits
    const idle = countedSweep();
    clock.advance(5 * MINUTE);
    await idle.sweep.runOnce();
    // Rules, new waits, due conversations, due webhooks; nothing per conversation.
    expect(idle.counter.statements).toBeLessThanOrEqual(8);

    clock.advance(11 * MINUTE); // 16 minutes: every wait is due once
    const due = countedSweep();
    expect(await due.sweep.runOnce()).toBe(3);
    const after = countedSweep();
    clock.advance(MINUTE);
    expect(await after.sweep.runOnce()).toBe(0);
    expect(after.counter.statements).toBeLessThanOrEqual(8);
    const fired = await Promise.all(ids.map((id) => firedRules(cookie, id)));
    expect(fired.filter((names) => names.length > 0)).toHaveLength(3);

    // A rule saved later applies to customers already waiting, once per wait.
    expect((await rule('Anyone waiting 10 min', 10, ['hello'])).status).toBe(201);
    expect(await countedSweep().sweep.runOnce()).toBe(waiting - 3);
    expect(await countedSweep().sweep.runOnce()).toBe(0);
    const again = await Promise.all(ids.map((id) => firedRules(cookie, id)));
    expect(again.flat()).toHaveLength(waiting);
  });

  it('a scheduled rule goes over the open conversations once per slot', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    for (let i = 0; i < 5; i++)
      await postWebhook(
        server,
        channel,
        apiMessage({ authorId: `s-${i}`, text: 'Hi', occurredAt: clock().toISOString() }),
      );
    await drainInbound(server);
    await drainActivity(server);
    expect(
      (
        await call(cookie, 'POST', '/automation/rules', {
          name: 'Every hour',
          trigger: { type: 'scheduled', everyMinutes: 60 },
          conditions: [{ type: 'text_contains', values: ['never-said'] }],
          actions: [{ type: 'set_priority', priority: 'low' }],
        })
      ).status,
    ).toBe(201);
    const pass = countedSweep();
    await pass.sweep.runOnce();
    const rest = countedSweep();
    await rest.sweep.runOnce(); // the same slot: the pass is finished, no conversation is looked at
    expect(rest.counter.statements).toBeLessThan(pass.counter.statements);
    expect(rest.counter.statements).toBeLessThanOrEqual(8);
  });
});
