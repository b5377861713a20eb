import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  type CallbackServer,
  createApiChannel,
  drainInbound,
  drainOutbox,
  manualClock,
  postWebhook,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from './testing.ts';

describe.each(testEngines())('outbound replies on %s', (engine) => {
  let server: TestServer;
  let callback: CallbackServer;
  const clock = manualClock(new Date());
  beforeAll(async () => {
    server = await startTestServer(engine, {
      clock,
      env: { OUTBOX_MAX_ATTEMPTS: '3', SESSION_TTL_HOURS: '2160' },
    });
    callback = await startCallbackServer();
  });
  afterAll(async () => {
    await server.close();
    await callback.close();
  });

  async function conversationWithReply(text: string) {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie, { callbackUrl: callback.url });
    const inbound = apiMessage({ authorId: `cust-${text.length}`, text: 'Any news?' });
    await postWebhook(server, channel, inbound);
    await drainInbound(server);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const id = (list.json() as { items: { id: string }[] }).items[0]!.id;
    const reply = await server.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/replies`,
      headers: { cookie },
      payload: { text },
    });
    expect(reply.statusCode).toBe(201);
    const messageId = (reply.json() as { message: { id: string } }).message.id;
    const status = async () => {
      const detail = await server.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${id}`,
        headers: { cookie },
      });
      return (
        detail.json() as { messages: { id: string; deliveryStatus: string; externalId: string }[] }
      ).messages.find((m) => m.id === messageId)!;
    };
    return { channel, inbound, messageId, status, cookie };
  }

  it('never sends again a reply the platform already named while the send was failing', async () => {
    const { messageId, status } = await conversationWithReply('Named by a status while in flight');
    // A status event carrying our id recorded the platform's id; then the send itself answers 500.
    await server.runtime.ctx.db.kysely
      .updateTable('messages')
      .set({ external_id: 'wamid.named-by-status', delivery_status: 'delivered' })
      .where('id', '=', messageId)
      .execute();
    callback.script.push(500);
    const before = callback.received.length;
    await drainOutbox(server);
    clock.advance(10 * 60_000);
    await drainOutbox(server);
    expect(callback.received.slice(before).filter((r) => r.body.includes(messageId))).toHaveLength(1);
    expect(await status()).toMatchObject({
      deliveryStatus: 'delivered',
      externalId: 'wamid.named-by-status',
    });
    const row = await server.runtime.ctx.db.kysely
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', last_error: null });
  });

  it('delivers a reply to the callback URL, signed, and marks it sent with the platform id', async () => {
    const { channel, inbound, messageId, status } = await conversationWithReply('Your parcel ships today');
    const before = callback.received.length;
    await drainOutbox(server);
    const request = callback.received.slice(before).find((r) => r.body.includes(messageId))!;
    const body = JSON.parse(request.body) as { text: string; replyTo: string; recipient: { id: string } };
    expect(body).toMatchObject({
      text: 'Your parcel ships today',
      replyTo: inbound.message.id,
      recipient: { id: 'cust-23' },
    });
    const expected = `sha256=${createHmac('sha256', channel.secret).update(request.body).digest('hex')}`;
    expect(request.headers['x-parley-signature']).toBe(expected);
    expect(await status()).toMatchObject({
      deliveryStatus: 'sent',
      externalId: expect.stringMatching(/^ext-/),
    });
  });

  it('retries after a 500 with backoff, then fails for good after the last attempt', async () => {
    const { messageId, status } = await conversationWithReply('Retry me please');
    callback.script.push(500);
    await drainOutbox(server);
    expect((await status()).deliveryStatus).toBe('queued');
    clock.advance(60_000);
    await drainOutbox(server);
    expect(await status()).toMatchObject({ deliveryStatus: 'sent' });
    expect(callback.received.filter((r) => r.body.includes(messageId))).toHaveLength(2);

    const second = await conversationWithReply('Never arrives');
    callback.script.push(503, 503, 503);
    for (let i = 0; i < 3; i++) {
      await drainOutbox(server);
      clock.advance(10 * 60_000);
    }
    expect((await second.status()).deliveryStatus).toBe('failed');
  });

  it('a failed reply can be sent again by the agent', async () => {
    const { messageId, status, cookie } = await conversationWithReply('Refused once');
    callback.script.push(400);
    await drainOutbox(server);
    expect((await status()).deliveryStatus).toBe('failed');
    const retry = await server.app.inject({
      method: 'POST',
      url: `/api/v1/messages/${messageId}/retry`,
      headers: { cookie },
    });
    expect(retry.statusCode).toBe(200);
    await drainOutbox(server);
    expect((await status()).deliveryStatus).toBe('sent');
  });
});
