import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../accounts/index.ts';
import { sealStoredWebhookSecrets } from '../db/migrations/0014_automation_sealed_secrets.ts';
import { openTestDatabase, testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { toRule } from './rules-store.ts';
import { DeskSweep } from './sweep.ts';
import { deliverWebhooks, openWebhookSecret } from './webhooks.ts';

describe.each(testEngines())('rule webhook secrets at rest on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });
  const db = () => server.runtime.ctx.db.kysely;
  const sweep = () =>
    new DeskSweep({ db: server.runtime.ctx.db, clock, secretKey: server.runtime.ctx.secretKey }).runOnce();
  const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    return { status: res.statusCode, text: res.body, body: res.json() };
  };
  const messageIn = async (cookie: string, text: string) => {
    const channel = await createApiChannel(server, cookie);
    await postWebhook(server, channel, apiMessage({ text, occurredAt: clock().toISOString() }));
    await drainInbound(server);
    await drainActivity(server);
  };
  const signature = (secret: string, body: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('seals the secret in the rule and its queued deliveries, shows only that one is set, and signs with it', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const secret = 'never-stored-in-clear-0123456789';
    const hook = await startCallbackServer();
    try {
      const created = await call(cookie, 'POST', '/automation/rules', {
        name: 'Tell the CRM',
        trigger: { type: 'message_received' },
        conditions: [],
        actions: [{ type: 'webhook', url: hook.url, secret }],
      });
      expect(created.status).toBe(201);
      expect(created.body.rule.actions[0]).toMatchObject({
        type: 'webhook',
        url: hook.url,
        isSecretSet: true,
      });
      const shown = await call(cookie, 'GET', `/automation/rules/${created.body.rule.id}`);
      const listed = await call(cookie, 'GET', '/automation/rules');
      for (const response of [created, shown, listed]) expect(response.text).not.toContain(secret);
      const stored = await db()
        .selectFrom('automation_rules')
        .select(sql<string>`actions::text`.as('actions'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      expect(stored.actions).not.toContain(secret);
      expect(stored.actions).toContain('secretSealed');

      await messageIn(cookie, 'Hello there');
      const queued = await db()
        .selectFrom('automation_webhooks')
        .select('secret')
        .where('account_id', '=', accountId)
        .execute();
      expect(queued).toHaveLength(1);
      expect(queued[0]!.secret).not.toContain(secret);
      await sweep();
      expect(hook.received).toHaveLength(1);
      const delivery = hook.received[0]!;
      expect(delivery.headers['x-parley-signature']).toBe(signature(secret, delivery.body));

      // A new secret replaces the old one for later deliveries.
      const rotated = 'the-rotated-secret-987654321';
      const updated = await call(cookie, 'PUT', `/automation/rules/${created.body.rule.id}`, {
        name: 'Tell the CRM',
        trigger: { type: 'message_received' },
        conditions: [],
        actions: [{ type: 'webhook', url: hook.url, secret: rotated }],
      });
      expect(updated.status).toBe(200);
      await messageIn(cookie, 'Hello again');
      await sweep();
      expect(hook.received).toHaveLength(2);
      const second = hook.received[1]!;
      expect(second.headers['x-parley-signature']).toBe(signature(rotated, second.body));
    } finally {
      await hook.close();
    }
  });

  it('migration 0014 seals secrets stored in clear by earlier versions, and refuses to run without the key', async () => {
    // A database of its own: the migration step looks at every stored secret.
    const legacy = await openTestDatabase(engine);
    const hook = await startCallbackServer();
    const key = server.runtime.ctx.secretKey;
    try {
      const account = await createAccount(legacy.kysely, { name: 'Legacy', slug: 'legacy' });
      const secret = 'legacy-clear-text-secret-42';
      // As an earlier version stored them: the secret in clear in the rule and in a queued delivery.
      const rule = await legacy.kysely
        .insertInto('automation_rules')
        .values({
          account_id: account.id,
          name: 'Legacy hook',
          trigger: JSON.stringify({ type: 'message_received' }),
          conditions: JSON.stringify([]),
          actions: JSON.stringify([{ type: 'resolve_spam' }, { type: 'webhook', url: hook.url, secret }]),
          updated_at: clock(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await legacy.kysely
        .insertInto('automation_webhooks')
        .values({
          account_id: account.id,
          rule_id: rule.id,
          url: hook.url,
          secret,
          body: '{"event":"rule.fired"}',
          next_attempt_at: clock(),
        })
        .execute();
      const seal = (secretKey: string | undefined) =>
        legacy.kysely.transaction().execute((trx) => sealStoredWebhookSecrets(trx, secretKey));
      await expect(seal(undefined)).rejects.toThrow(/needs the server's secret key/);
      await seal(key);
      const stored = await legacy.kysely
        .selectFrom('automation_rules')
        .selectAll()
        .where('id', '=', rule.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored.actions)).not.toContain(secret);
      // The engine gets the sealed form; it opens to the original secret.
      const [spam, webhook] = toRule(stored, { withSealedSecrets: true }).actions;
      expect(spam).toEqual({ type: 'resolve_spam' });
      expect(webhook?.type === 'webhook' && openWebhookSecret(key, webhook.secret)).toBe(secret);
      // The queued delivery goes out signed with the original secret.
      expect(await deliverWebhooks(legacy, { now: clock(), fetch, secretKey: key })).toBe(1);
      expect(hook.received).toHaveLength(1);
      const delivery = hook.received[0]!;
      expect(delivery.headers['x-parley-signature']).toBe(signature(secret, delivery.body));
      const queued = await legacy.kysely.selectFrom('automation_webhooks').select('secret').execute();
      expect(queued.map((q) => q.secret).join()).not.toContain(secret);
    } finally {
      await hook.close();
      await legacy.close();
    }
  });
});
