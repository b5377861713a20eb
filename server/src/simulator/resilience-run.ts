import { randomBytes } from 'node:crypto';
import { wire } from '../channels/fixtures/index.ts';
import { signApiBody } from '../channels/index.ts';
import type { Engine } from '../db/index.ts';
import { drainInbound, drainOutbox, manualClock, seedAccount, startTestServer } from '../http/testing.ts';
import { Simulator } from './simulator.ts';

// The send-resilience scenario shared by the test (100 replies) and bench/send-resilience.ts
// (1,000): the simulator refuses a share of sends with 500s and 429s carrying reset headers, and
// every reply must still be delivered exactly once. Parley's clock is a manual one that jumps
// past each backoff, so the run does not wait out real retry delays.

export interface ResilienceResult {
  replies: number;
  delivered_once: number;
  delivered_twice_or_more: number;
  not_delivered: number;
  sent_status: number;
  send_requests: number;
  refused_500: number;
  refused_429: number;
  refused_share: number;
  rounds: number;
}

export async function runSendResilience(input: {
  replies: number;
  refuseRate: number;
  seed: number;
  engine?: Engine;
}): Promise<ResilienceResult> {
  const clock = manualClock(new Date());
  const server = await startTestServer(input.engine ?? 'pglite', {
    clock,
    env: { OUTBOX_MAX_ATTEMPTS: '20' },
  });
  const simulator = new Simulator({
    port: 0,
    seed: input.seed,
    clock,
    sendsFollowUps: false,
    rateLimitResetMs: 1000,
    faults: { serverError: input.refuseRate / 2, rateLimit: input.refuseRate / 2 },
  });
  await simulator.start();
  try {
    const { accountId, cookie, userId } = await seedAccount(server);
    const db = server.runtime.ctx.db.kysely;
    const store = server.runtime.ctx.channels;
    const secret = randomBytes(16).toString('hex');
    const token = `page-${randomBytes(8).toString('hex')}`;
    const pageId = '104200000000555';
    const apiChannel = await store.create(db, {
      accountId,
      actorUserId: null,
      provider: 'api',
      name: 'API',
      settings: {},
      secrets: { signingSecret: secret },
      now: clock(),
    });
    const messenger = await store.create(db, {
      accountId,
      actorUserId: null,
      provider: 'messenger',
      name: 'Messenger',
      settings: { apiBaseUrl: simulator.graphBaseUrl(), pageId },
      secrets: { signingSecret: secret, accessToken: token },
      now: clock(),
    });
    // The callback URL needs the channel id, so the API channel is set up in two steps.
    await store.update(db, {
      accountId,
      actorUserId: userId,
      channelId: apiChannel.id,
      settings: { callbackUrl: simulator.apiCallbackUrl(apiChannel.id) },
      now: clock(),
    });
    simulator.addChannel({ provider: 'api', channelId: apiChannel.id, signingSecret: secret });
    simulator.addChannel({
      provider: 'messenger',
      channelId: messenger.id,
      signingSecret: secret,
      accessToken: token,
      pageId,
    });

    // One customer message per conversation, half on each channel.
    for (let i = 0; i < input.replies; i++) {
      const isApi = i % 2 === 0;
      const payload = isApi
        ? {
            type: 'message',
            occurredAt: clock().toISOString(),
            author: { id: `cust-${i}` },
            message: { id: `in-${i}`, text: `Where is order ${i}?` },
          }
        : wire.messengerText({
            accountId: pageId,
            customerId: `73000${i}`,
            mid: `m_in_${i}`,
            text: `Where is order ${i}?`,
            at: clock(),
          });
      const raw = JSON.stringify(payload);
      const res = await server.app.inject({
        method: 'POST',
        url: `/webhooks/${isApi ? 'api' : 'messenger'}/${isApi ? apiChannel.id : messenger.id}`,
        headers: isApi
          ? { 'content-type': 'application/json', 'x-parley-signature': signApiBody(secret, raw) }
          : wire.metaSignatureHeaders(raw, secret),
        payload: raw,
      });
      if (res.statusCode !== 200) throw new Error(`webhook refused: ${res.statusCode} ${res.body}`);
    }
    await drainInbound(server);
    const conversations = await db
      .selectFrom('conversations')
      .select('id')
      .where('account_id', '=', accountId)
      .execute();
    if (conversations.length !== input.replies)
      throw new Error(`expected ${input.replies} conversations, got ${conversations.length}`);
    const replyIds: string[] = [];
    for (const [i, conversation] of conversations.entries()) {
      const res = await server.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversation.id}/replies`,
        headers: { cookie },
        payload: { text: `Reply ${i}: it ships today.` },
      });
      if (res.statusCode !== 201) throw new Error(`reply refused: ${res.statusCode} ${res.body}`);
      replyIds.push((res.json() as { message: { id: string } }).message.id);
    }

    let rounds = 0;
    for (;;) {
      await drainOutbox(server);
      rounds += 1;
      const pending = await db
        .selectFrom('outbox')
        .select('id')
        .where('account_id', '=', accountId)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      if (pending.length === 0 || rounds > 40) break;
      clock.advance(301_000); // past the longest backoff (5 min) and any reset
    }

    const counts = simulator.log.acceptedCounts();
    const statuses = await db
      .selectFrom('messages')
      .select(['id', 'delivery_status'])
      .where('id', 'in', replyIds)
      .execute();
    const requests = simulator.log.requests;
    const refused500 = requests.filter((r) => r.status === 500).length;
    const refused429 = requests.filter((r) => r.status === 429).length;
    return {
      replies: replyIds.length,
      delivered_once: replyIds.filter((id) => counts.get(`parley:${id}`) === 1).length,
      delivered_twice_or_more: replyIds.filter((id) => (counts.get(`parley:${id}`) ?? 0) > 1).length,
      not_delivered: replyIds.filter((id) => !counts.has(`parley:${id}`)).length,
      sent_status: statuses.filter((s) => s.delivery_status === 'sent').length,
      send_requests: requests.length,
      refused_500: refused500,
      refused_429: refused429,
      refused_share: Number(((refused500 + refused429) / Math.max(1, requests.length)).toFixed(3)),
      rounds,
    };
  } finally {
    await simulator.stop();
    await server.close();
  }
}
