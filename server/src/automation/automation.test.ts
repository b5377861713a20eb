import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActivity } from '../activity/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  type CallbackServer,
  createApiChannel,
  drainActivity,
  drainInbound,
  drainOutbox,
  manualClock,
  postWebhook,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { DeskSweep } from './sweep.ts';

describe.each(testEngines())('automation rules on %s', (engine) => {
  let server: TestServer;
  let receiver: CallbackServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
    receiver = await startCallbackServer();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const sweep = () =>
    new DeskSweep({ db: server.runtime.ctx.db, clock, secretKey: server.runtime.ctx.secretKey });

  async function conversationOf(cookie: string, text: string, options: { isPublic?: boolean } = {}) {
    const channel = await createApiChannel(server, cookie, { callbackUrl: receiver.url });
    const authorId = `cust-${Math.random().toString(36).slice(2)}`;
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId, text, occurredAt: clock().toISOString(), ...options }),
    );
    await drainInbound(server);
    const list = (await call(cookie, 'GET', `/conversations?channel=${channel.id}&cases=all`)).body.items as {
      id: string;
    }[];
    return { channel, authorId, id: list[0]!.id };
  }
  const activityOf = async (cookie: string, id: string) =>
    (await call(cookie, 'GET', `/conversations/${id}/activity`)).body.activity as {
      kind: string;
      // biome-ignore lint/suspicious/noExplicitAny: activity data is read loosely in tests
      data: Record<string, any>;
    }[];
  const firings = async (cookie: string, id: string) =>
    (await activityOf(cookie, id)).filter((a) => a.kind === 'rule.fired');

  it('a time-based rule fires for a conversation left without reply, with no new message arriving', async () => {
    const { cookie } = await seedAccount(server);
    const label = (await call(cookie, 'POST', '/labels', { name: 'Waiting too long' })).body.label;
    const rule = await call(cookie, 'POST', '/automation/rules', {
      name: 'No reply in 15 minutes',
      trigger: { type: 'no_agent_reply', minutes: 15 },
      conditions: [],
      actions: [
        { type: 'add_label', labelId: label.id },
        { type: 'set_priority', priority: 'urgent' },
      ],
    });
    expect(rule.status).toBe(201);
    const { id, channel, authorId } = await conversationOf(cookie, 'Where is my parcel?');
    clock.advance(14 * 60_000);
    await sweep().runOnce();
    expect(await firings(cookie, id)).toEqual([]);
    clock.advance(2 * 60_000); // 16 minutes without a reply; nothing else happens
    await sweep().runOnce();
    const fired = await firings(cookie, id);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.data).toMatchObject({
      ruleId: rule.body.rule.id,
      ruleName: 'No reply in 15 minutes',
      trigger: 'no_agent_reply',
      actions: [
        { type: 'add_label', result: 'done' },
        { type: 'set_priority', result: 'done', detail: 'urgent' },
      ],
    });
    const conversation = (await call(cookie, 'GET', `/conversations/${id}`)).body.conversation;
    expect(conversation.priority).toBe('urgent');
    expect(conversation.labels.map((l: { name: string }) => l.name)).toEqual(['Waiting too long']);
    // Once per wait: later sweeps do not fire again.
    clock.advance(30 * 60_000);
    await sweep().runOnce();
    expect(await firings(cookie, id)).toHaveLength(1);
    // An agent reply ends the wait; a new customer message starts a new one, which fires again.
    expect(
      (await call(cookie, 'POST', `/conversations/${id}/replies`, { text: 'Looking into it' })).status,
    ).toBe(201);
    clock.advance(60_000);
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId, text: 'Any news?', occurredAt: clock().toISOString() }),
    );
    await drainInbound(server);
    clock.advance(16 * 60_000);
    await sweep().runOnce();
    expect(await firings(cookie, id)).toHaveLength(2);
  });

  it('event rules run in order, stop when asked, and never loop on their own changes', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const make = (body: object) => call(cookie, 'POST', '/automation/rules', body);
    const first = await make({
      name: 'Refunds to Agent',
      trigger: { type: 'message_received' },
      conditions: [{ type: 'text_contains', values: ['refund'] }],
      actions: [
        { type: 'assign_agent', userId: agent.userId },
        { type: 'notify', message: 'Refund request' },
      ],
    });
    const second = await make({
      name: 'Stop here',
      trigger: { type: 'message_received' },
      conditions: [],
      stopProcessing: true,
      actions: [{ type: 'suggest_private', text: 'Ask for the order number in private' }],
    });
    const third = await make({
      name: 'Never reached',
      trigger: { type: 'message_received' },
      conditions: [],
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    // Re-triggered by any update, including the assignment the first rule makes: must not loop.
    await make({
      name: 'On update',
      trigger: { type: 'conversation_updated' },
      conditions: [],
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const { id } = await conversationOf(cookie, 'I want a refund now');
    await drainActivity(server);
    await drainActivity(server);
    const names = (await firings(cookie, id)).map((f) => f.data.ruleName);
    expect(names).toEqual(['Refunds to Agent', 'Stop here']);
    const kinds = (await activityOf(cookie, id)).map((a) => a.kind);
    expect(kinds).toContain('rule.suggest_private');
    const conversation = (await call(cookie, 'GET', `/conversations/${id}`)).body.conversation;
    expect(conversation.assignee.id).toBe(agent.userId);
    expect(conversation.priority).not.toBe('low');
    // A person's change does trigger the update rule, once.
    expect((await call(cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: null })).status).toBe(
      200,
    );
    await drainActivity(server);
    await drainActivity(server);
    const after = (await firings(cookie, id)).map((f) => f.data.ruleName);
    expect(after.filter((n) => n === 'On update')).toHaveLength(1);
    expect((await call(cookie, 'GET', `/conversations/${id}`)).body.conversation.priority).toBe('high');
  });

  it('acknowledges private conversations through the outbox, never public ones by default', async () => {
    const { cookie } = await seedAccount(server);
    await call(cookie, 'POST', '/automation/rules', {
      name: 'Ack',
      trigger: { type: 'conversation_created' },
      conditions: [],
      actions: [
        {
          type: 'send_acknowledgement',
          text: 'Hi {{contact.first_name}}, thanks for writing to {{account.name}}!',
        },
      ],
    });
    const before = receiver.received.length;
    const privateOne = await conversationOf(cookie, 'Hello in private', { isPublic: false });
    const publicOne = await conversationOf(cookie, 'Hello in public', { isPublic: true });
    await drainActivity(server);
    await drainOutbox(server);
    const sent = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body) as { text: string })
      .filter((r) => r.text.startsWith('Hi '));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(/^Hi Casey, thanks for writing to Account /);
    const messages = (await call(cookie, 'GET', `/conversations/${privateOne.id}`)).body;
    const ack = messages.messages.find((m: { direction: string }) => m.direction === 'out');
    expect(ack).toMatchObject({ deliveryStatus: 'sent' });
    // The acknowledgement is not the first response: the customer is still waiting.
    expect(messages.conversation.firstResponseAt).toBeNull();
    expect(messages.conversation.waitingSince).not.toBeNull();
    const publicFired = await firings(cookie, publicOne.id);
    expect(publicFired[0]!.data.actions[0]).toMatchObject({
      result: 'skipped',
      detail: 'public conversation',
    });
  });

  it('resolves spam and calls a signed webhook, retrying a failure', async () => {
    const { cookie } = await seedAccount(server);
    const secret = 'webhook-secret-0123456789';
    const hook = await startCallbackServer();
    try {
      hook.script.push(503);
      await call(cookie, 'POST', '/automation/rules', {
        name: 'Spam',
        trigger: { type: 'message_received' },
        conditions: [{ type: 'text_matches', pattern: 'free\\s+crypto' }],
        actions: [{ type: 'resolve_spam' }, { type: 'webhook', url: hook.url, secret }],
      });
      const { id } = await conversationOf(cookie, 'Get FREE   crypto here');
      await drainActivity(server);
      expect((await call(cookie, 'GET', `/conversations/${id}`)).body.conversation).toMatchObject({
        status: 'resolved',
        isCase: false,
      });
      await sweep().runOnce();
      expect(hook.received).toHaveLength(1); // answered 503: retried later
      clock.advance(60_000);
      await sweep().runOnce();
      expect(hook.received).toHaveLength(2);
      const delivery = hook.received[1]!;
      const expected = `sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`;
      expect(delivery.headers['x-parley-signature']).toBe(expected);
      expect(JSON.parse(delivery.body)).toMatchObject({
        event: 'rule.fired',
        rule: { name: 'Spam' },
        conversation: { id },
      });
      clock.advance(3_600_000);
      await sweep().runOnce();
      expect(hook.received).toHaveLength(2); // delivered: never again
    } finally {
      await hook.close();
    }
  });

  it('fires on SLA at risk (routing appends the row) and on a schedule, and notifies the desk', async () => {
    const { accountId, cookie } = await seedAccount(server);
    await call(cookie, 'POST', '/automation/rules', {
      name: 'At risk',
      trigger: { type: 'sla_at_risk' },
      conditions: [],
      actions: [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'notify', message: 'SLA at risk' },
      ],
    });
    await call(cookie, 'POST', '/automation/rules', {
      name: 'Hourly sweep',
      trigger: { type: 'scheduled', everyMinutes: 60 },
      conditions: [{ type: 'text_contains', values: ['invoice'] }],
      actions: [{ type: 'suggest_private', text: 'Ask for the invoice number in private' }],
    });
    const invoice = await conversationOf(cookie, 'My invoice is wrong');
    const other = await conversationOf(cookie, 'Hello');
    await drainActivity(server);
    const db = server.runtime.ctx.db.kysely;
    await db.transaction().execute((trx) =>
      appendActivity(trx, [
        {
          accountId,
          conversationId: other.id,
          kind: 'sla.at_risk',
          occurredAt: clock(),
          data: { target: 'first_response' },
        },
      ]),
    );
    await drainActivity(server);
    expect((await firings(cookie, other.id)).map((f) => f.data.ruleName)).toEqual(['At risk']);
    expect((await call(cookie, 'GET', `/conversations/${other.id}`)).body.conversation.priority).toBe(
      'urgent',
    );
    const notices = await db
      .selectFrom('realtime_events')
      .select('payload')
      .where('account_id', '=', accountId)
      .where('type', '=', 'automation.notify')
      .execute();
    expect(notices.map((n) => n.payload)).toEqual([
      expect.objectContaining({ conversationId: other.id, message: 'SLA at risk', ruleName: 'At risk' }),
    ]);
    await sweep().runOnce();
    await sweep().runOnce(); // the same slot: nothing twice
    expect((await firings(cookie, invoice.id)).map((f) => f.data.ruleName)).toEqual(['Hourly sweep']);
    expect((await firings(cookie, other.id)).map((f) => f.data.ruleName)).toEqual(['At risk']);
    clock.advance(60 * 60_000);
    await sweep().runOnce();
    expect((await firings(cookie, invoice.id)).map((f) => f.data.ruleName)).toEqual([
      'Hourly sweep',
      'Hourly sweep',
    ]);
  });

  it('validates rules (400, nothing stored), hides webhook secrets, is admin-only and per account', async () => {
    const a = await seedAccount(server);
    const b = await seedAccount(server);
    const agent = await addUser(server, a.accountId, 'agent');
    const bad = [
      { name: 'x', trigger: { type: 'sometimes' }, conditions: [], actions: [{ type: 'resolve_spam' }] },
      { name: 'x', trigger: { type: 'message_received' }, conditions: [], actions: [] },
      {
        name: 'x',
        trigger: { type: 'message_received' },
        conditions: [{ type: 'text_matches', pattern: '([a-z' }],
        actions: [{ type: 'resolve_spam' }],
      },
      {
        name: 'x',
        trigger: { type: 'message_received' },
        conditions: [],
        actions: [{ type: 'assign_agent', userId: b.userId }],
      },
      {
        name: 'x',
        trigger: { type: 'message_received' },
        conditions: [],
        actions: [{ type: 'send_acknowledgement', text: 'Hi {{contact.nickname}}' }],
      },
      {
        name: 'x',
        trigger: { type: 'no_agent_reply', minutes: 0 },
        conditions: [],
        actions: [{ type: 'resolve_spam' }],
      },
    ];
    for (const body of bad)
      expect((await call(a.cookie, 'POST', '/automation/rules', body)).status).toBe(400);
    expect((await call(a.cookie, 'GET', '/automation/rules')).body.items).toEqual([]);
    const body = {
      name: 'Hook',
      trigger: { type: 'conversation_resolved' },
      conditions: [],
      actions: [{ type: 'webhook', url: 'https://example.test/hook', secret: 'a-long-enough-secret' }],
    };
    expect((await call(agent.cookie, 'POST', '/automation/rules', body)).status).toBe(403);
    const created = await call(a.cookie, 'POST', '/automation/rules', body);
    expect(created.body.rule.actions[0].secret).toBe('****************');
    const ruleId = created.body.rule.id as string;
    // Sending the mask back keeps the stored secret.
    const renamed = await call(a.cookie, 'PUT', `/automation/rules/${ruleId}`, {
      ...body,
      name: 'Hook 2',
      actions: created.body.rule.actions,
    });
    expect(renamed.status).toBe(200);
    expect(
      (
        await call(a.cookie, 'PUT', `/automation/rules/${ruleId}`, {
          ...body,
          conditions: [{ type: 'follower_count' }],
        })
      ).status,
    ).toBe(400);
    expect((await call(a.cookie, 'GET', `/automation/rules/${ruleId}`)).body.rule.name).toBe('Hook 2');
    for (const [method, url] of [
      ['GET', `/automation/rules/${ruleId}`],
      ['PUT', `/automation/rules/${ruleId}`],
      ['DELETE', `/automation/rules/${ruleId}`],
    ] as const) {
      expect((await call(b.cookie, method, url, method === 'PUT' ? body : undefined)).status).toBe(404);
    }
    expect((await call(b.cookie, 'GET', '/automation/rules')).body.items).toEqual([]);
    expect((await call(a.cookie, 'DELETE', `/automation/rules/${ruleId}`)).status).toBe(200);
    expect((await call(a.cookie, 'GET', '/automation/rules')).body.items).toEqual([]);
  });

  it('previews a rule against a conversation without changing anything', async () => {
    const { cookie } = await seedAccount(server);
    const other = await seedAccount(server);
    const { id } = await conversationOf(cookie, 'refund please');
    const rule = {
      name: 'p',
      trigger: { type: 'message_received' },
      conditions: [
        { type: 'text_contains', values: ['refund'] },
        { type: 'vip', value: true },
      ],
      actions: [{ type: 'resolve_spam' }],
    };
    const res = await call(cookie, 'POST', '/automation/rules/preview', { rule, conversationId: id });
    expect(res.body.matches).toBe(false);
    expect(res.body.conditions.map((c: { matches: boolean }) => c.matches)).toEqual([true, false]);
    expect(
      (await call(other.cookie, 'POST', '/automation/rules/preview', { rule, conversationId: id })).status,
    ).toBe(404);
    expect((await call(cookie, 'GET', `/conversations/${id}`)).body.conversation.status).not.toBe('resolved');
  });
});
