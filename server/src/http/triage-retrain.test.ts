import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import { accountsDueForRetrain, retrainNextDueAccount } from '../inbox/triage-retrain.ts';
import { SIMILAR_GLOWCARD, SIMILAR_PRAISE, streetFoodCorrections } from '../triage/adapt/fixtures.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

interface Message {
  id: string;
  text: string;
  triage: { sentiment: { label: string }; intent: { label: string }; accountModelVersion?: number };
}

describe.each(testEngines())('per-account retraining from corrections on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const inject = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  /** Posts texts from one customer and returns the stored messages (one conversation). */
  async function post(
    channel: { id: string; secret: string },
    cookie: string,
    author: string,
    texts: string[],
  ) {
    for (const text of texts) await postWebhook(server, channel, apiMessage({ authorId: author, text }));
    await drainInbound(server);
    const list = (await inject(cookie, 'GET', '/api/v1/conversations?cases=all')).json() as {
      items: { id: string }[];
    };
    const messages: Message[] = [];
    for (const c of list.items) {
      const detail = (await inject(cookie, 'GET', `/api/v1/conversations/${c.id}`)).json() as {
        messages: Message[];
      };
      messages.push(...detail.messages);
    }
    return (text: string) => messages.find((m) => m.text === text)!;
  }

  it("learns an account's corrections and changes only that account's predictions", async () => {
    const shop = await seedAccount(server);
    const other = await seedAccount(server);
    const shopChannel = await createApiChannel(server, shop.cookie);
    const otherChannel = await createApiChannel(server, other.cookie);
    const { sentiment, intent } = streetFoodCorrections();
    const find = await post(shopChannel, shop.cookie, 'regular', [
      ...sentiment.map((c) => c.text),
      ...intent.map((c) => c.text),
    ]);

    // Too few corrections yet: the run is recorded as rejected, no model.
    const early = await inject(shop.cookie, 'POST', '/api/v1/triage/retrain');
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ status: 'rejected', modelVersion: null });

    for (const c of sentiment)
      expect(
        (
          await inject(shop.cookie, 'POST', `/api/v1/messages/${find(c.text).id}/corrections`, {
            sentiment: c.label,
          })
        ).statusCode,
      ).toBe(200);
    for (const c of intent)
      await inject(shop.cookie, 'POST', `/api/v1/messages/${find(c.text).id}/corrections`, {
        intent: c.label,
      });
    const db = server.runtime.ctx.db.kysely;
    expect(await accountsDueForRetrain(db, 25)).toContain(shop.accountId);

    const agent = await addUser(server, shop.accountId, 'agent');
    expect((await inject(agent.cookie, 'POST', '/api/v1/triage/retrain')).statusCode).toBe(403);

    // The workers' sweep picks the account up on its own (version 1); the admin's run makes version 2.
    const clock = () => new Date();
    expect(await retrainNextDueAccount(db, clock)).toBe(1);
    expect(await retrainNextDueAccount(db, clock)).toBe(0);
    const run = await inject(shop.cookie, 'POST', '/api/v1/triage/retrain');
    expect(run.statusCode).toBe(200);
    const body = run.json() as {
      status: string;
      modelVersion: number;
      report: {
        heads: {
          head: string;
          accepted: boolean;
          heldOut: { adaptedAccuracy: number; sharedAccuracy: number };
        }[];
      };
    };
    expect(body.status).toBe('accepted');
    expect(body.modelVersion).toBe(2);
    for (const head of body.report.heads) {
      expect(head.accepted).toBe(true);
      expect(head.heldOut.adaptedAccuracy).toBeGreaterThan(head.heldOut.sharedAccuracy);
    }
    expect(await accountsDueForRetrain(db, 25)).not.toContain(shop.accountId);

    const status = (await inject(shop.cookie, 'GET', '/api/v1/triage/retrain')).json() as {
      model: { version: number; corrections: number };
      runs: { status: string; trigger: string }[];
      newCorrections: number;
    };
    expect(status.model).toMatchObject({ version: 2, corrections: sentiment.length + intent.length });
    expect(status.runs.map((r) => `${r.trigger}:${r.status}`)).toEqual([
      'api:accepted',
      'schedule:accepted',
      'api:rejected',
    ]);
    expect(status.newCorrections).toBe(0);

    // New messages like the corrected ones: the shop's model applies, the other account's does not.
    const fresh = [...SIMILAR_PRAISE, ...SIMILAR_GLOWCARD];
    const shopFind = await post(shopChannel, shop.cookie, 'newcomer', fresh);
    const otherFind = await post(otherChannel, other.cookie, 'newcomer', fresh);
    for (const text of SIMILAR_PRAISE) {
      expect(shopFind(text).triage.sentiment.label, text).toBe('positive');
      expect(shopFind(text).triage.accountModelVersion).toBe(2);
      expect(otherFind(text).triage.sentiment.label, text).not.toBe('positive');
      expect(otherFind(text).triage.accountModelVersion).toBeUndefined();
    }
    for (const text of SIMILAR_GLOWCARD) {
      expect(shopFind(text).triage.intent.label).toBe('billing_payment');
      expect(otherFind(text).triage.intent.label).not.toBe('billing_payment');
    }
    expect(
      ((await inject(other.cookie, 'GET', '/api/v1/triage/retrain')).json() as { model: unknown }).model,
    ).toBeNull();
  });
});
