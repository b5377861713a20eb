import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  messengerEcho,
  messengerRead,
  messengerText,
  metaSignatureHeaders,
} from '../channels/fixtures/wire-builders.ts';
import { testEngines } from '../db/testing.ts';
import {
  type CallbackServer,
  drainInbound,
  drainOutbox,
  manualClock,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from './testing.ts';

const PAGE = '104200000000777';
const APP_SECRET = 'meta-app-secret-for-tests';

describe.each(testEngines())('Messenger through the pipeline on %s', (engine) => {
  let server: TestServer;
  let graph: CallbackServer;
  const clock = manualClock(new Date());
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
    graph = await startCallbackServer((status, count) =>
      status === 200
        ? JSON.stringify({ recipient_id: 'x', message_id: `m_graph_${count}` })
        : '{"error":{"code":2,"message":"oops"}}',
    );
  });
  afterAll(async () => {
    await server.close();
    await graph.close();
  });

  async function setup() {
    const { cookie } = await seedAccount(server);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'messenger',
        name: 'Page inbox',
        settings: { pageId: PAGE, apiBaseUrl: graph.url.replace('/callback', '') },
        secrets: { signingSecret: APP_SECRET, verifyToken: 'verify-me', accessToken: 'page-token' },
      },
    });
    expect(res.statusCode).toBe(201);
    const channelId = (res.json() as { id: string }).id;
    const post = (body: unknown) => {
      const raw = JSON.stringify(body);
      return server.app.inject({
        method: 'POST',
        url: `/webhooks/messenger/${channelId}`,
        headers: metaSignatureHeaders(raw, APP_SECRET),
        payload: raw,
      });
    };
    return { cookie, channelId, post };
  }

  it('answers the hub.challenge handshake only with the right verify token', async () => {
    const { channelId } = await setup();
    const ok = await server.app.inject({
      method: 'GET',
      url: `/webhooks/messenger/${channelId}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('12345');
    const bad = await server.app.inject({
      method: 'GET',
      url: `/webhooks/messenger/${channelId}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345`,
    });
    expect(bad.statusCode).toBe(403);
  });

  it('an echo of a reply whose send is pending a retry settles it: sent once, never resent; a read watermark marks it read', async () => {
    const { cookie, post } = await setup();
    const customer = `psid-${Math.random().toString(36).slice(2, 9)}`;
    expect(
      (
        await post(
          messengerText({
            accountId: PAGE,
            customerId: customer,
            mid: `m_${customer}`,
            text: 'Is my order late?',
            at: clock(),
          }),
        )
      ).statusCode,
    ).toBe(200);
    await drainInbound(server);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const conversationId = (list.json() as { items: { id: string }[] }).items[0]!.id;
    const reply = await server.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/replies`,
      headers: { cookie },
      payload: { text: 'Let me check that for you' },
    });
    const messageId = (reply.json() as { message: { id: string } }).message.id;

    // The platform answers 500 (the reply is scheduled for a retry) but had in fact sent it.
    graph.script.push(500);
    const before = graph.received.length;
    await drainOutbox(server);
    expect(graph.received.length - before).toBe(1);
    expect(JSON.parse(graph.received.at(-1)!.body)).toMatchObject({
      recipient: { id: customer },
      messaging_type: 'RESPONSE',
      message: { text: 'Let me check that for you' },
    });

    await post(
      messengerEcho({
        accountId: PAGE,
        customerId: customer,
        mid: 'm_echo_1',
        text: 'Let me check that for you',
        at: clock(),
        outboundMessageId: messageId,
      }),
    );
    await drainInbound(server);
    clock.advance(10 * 60_000);
    await drainOutbox(server);
    expect(graph.received.length - before).toBe(1);

    const detail = async () =>
      (
        (
          await server.app.inject({
            method: 'GET',
            url: `/api/v1/conversations/${conversationId}`,
            headers: { cookie },
          })
        ).json() as {
          messages: { id: string; deliveryStatus: string; externalId: string }[];
        }
      ).messages;
    expect(await detail()).toHaveLength(2);
    expect((await detail()).find((m) => m.id === messageId)).toMatchObject({
      deliveryStatus: 'sent',
      externalId: 'm_echo_1',
    });

    await post(messengerRead({ accountId: PAGE, customerId: customer, watermark: clock(), at: clock() }));
    await drainInbound(server);
    expect((await detail()).find((m) => m.id === messageId)?.deliveryStatus).toBe('read');
  });
});
