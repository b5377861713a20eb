import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

// What an operator's Prometheus scrapes: the inbound queue and how far each follower of the
// activity log is behind. Workers do not run on their own here, so each backlog is seen first.

describe.each(testEngines())('/metrics on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const scrape = async () => {
    const res = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    const values = new Map<string, number>();
    for (const line of res.body.split('\n')) {
      const match = /^(parley_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
      if (match) values.set(match[1]!, Number(match[2]));
    }
    return values;
  };

  it('shows pending deliveries and each follower’s lag until the work is done', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    await drainActivity(server); // every follower has its cursor row
    for (const [i, text] of ['First', 'Second', 'Third'].entries()) {
      const res = await postWebhook(server, channel, apiMessage({ authorId: `m-${i}`, text }));
      expect(res.statusCode).toBe(200);
    }

    const queued = await scrape();
    expect(queued.get('parley_inbound_queue_depth')).toBe(3);
    expect(queued.get('parley_inbound_events_received_total{provider="api"}')).toBeGreaterThanOrEqual(3);

    await drainInbound(server);
    const behind = await scrape();
    expect(behind.get('parley_inbound_queue_depth')).toBe(0);
    const consumers = ['routing', 'sla', 'automation', 'analytics'];
    // Three new conversations: each is at least a conversation.created and a message.received row.
    for (const name of consumers)
      expect(behind.get(`parley_activity_follower_lag_rows{consumer="${name}"}`)).toBeGreaterThanOrEqual(6);

    await drainActivity(server);
    const caughtUp = await scrape();
    for (const name of consumers)
      expect(caughtUp.get(`parley_activity_follower_lag_rows{consumer="${name}"}`)).toBe(0);
  });
});
