import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  facebookComment,
  messengerEcho,
  messengerText,
  metaSignatureHeaders,
  xDirectMessage,
  xSignatureHeaders,
  xTweet,
} from '../../channels/fixtures/wire-builders.ts';
import { testEngines } from '../../db/testing.ts';
import {
  type CallbackServer,
  drainInbound,
  drainOutbox,
  manualClock,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../testing.ts';
import { xDmDeepLink } from './private-replies.ts';

const PAGE = '104200000000991';
const BRAND_X = '990000000000001';
const SECRET = 'platform-secret-for-private-flow';

describe.each(testEngines())('continue in private on %s', (engine) => {
  let server: TestServer;
  let platform: CallbackServer;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
    // One fake platform API for Graph and X: answers every send with ids in both shapes.
    platform = await startCallbackServer((_status, count) =>
      JSON.stringify({
        id: `c_${count}`,
        recipient_id: 'psid-1',
        message_id: `m_graph_${count}`,
        data: { id: `t_${count}`, dm_event_id: `dm_${count}` },
      }),
    );
  });
  afterAll(async () => {
    await server.close();
    await platform.close();
  });

  const apiBaseUrl = () => platform.url.replace('/callback', '');

  async function channel(cookie: string, provider: string, settings: Record<string, unknown>) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider,
        name: provider,
        settings: { apiBaseUrl: apiBaseUrl(), ...settings },
        secrets: { signingSecret: SECRET, verifyToken: 'verify', accessToken: `token-${provider}` },
      },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  }

  async function post(provider: string, channelId: string, body: unknown) {
    const raw = JSON.stringify(body);
    const headers = provider === 'x' ? xSignatureHeaders(raw, SECRET) : metaSignatureHeaders(raw, SECRET);
    const res = await server.app.inject({
      method: 'POST',
      url: `/webhooks/${provider}/${channelId}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: raw,
    });
    expect(res.statusCode).toBe(200);
    await drainInbound(server);
  }

  async function api<T>(cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
    const res = await server.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json() as T };
  }

  async function conversations(cookie: string) {
    return (
      await api<{ items: { id: string; channelId: string }[] }>(
        cookie,
        'GET',
        '/api/v1/conversations?cases=all',
      )
    ).body.items;
  }

  it('Facebook comment → private reply → Messenger conversation linked → closing public reply', async () => {
    const { cookie } = await seedAccount(server);
    const facebookId = await channel(cookie, 'facebook', { pageId: PAGE });
    const messengerId = await channel(cookie, 'messenger', { pageId: PAGE });
    await post(
      'facebook',
      facebookId,
      facebookComment({
        pageId: PAGE,
        postId: `${PAGE}_555`,
        commentId: `${PAGE}_555_777`,
        from: { id: 'fb-user-1', name: 'Ann' },
        text: 'You charged me twice!!',
        at: clock(),
      }),
    );
    const [publicConversation] = await conversations(cookie);
    const sentBefore = platform.received.length;
    const started = await api<{ link: { id: string; status: string }; messages: { isPublic: boolean }[] }>(
      cookie,
      'POST',
      `/api/v1/conversations/${publicConversation!.id}/continue-in-private`,
      {
        publicText: 'Sorry Ann, we have sent you a private message.',
        privateText: 'Hi Ann, which order is it?',
      },
    );
    expect(started.status).toBe(201);
    expect(started.body.link.status).toBe('invited');
    expect(started.body.messages.map((m) => m.isPublic)).toEqual([true, false]);
    await drainOutbox(server);
    const sends = platform.received
      .slice(sentBefore)
      .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(sends).toContainEqual(
      expect.objectContaining({ message: 'Sorry Ann, we have sent you a private message.' }),
    );
    expect(sends).toContainEqual(
      expect.objectContaining({
        recipient: { comment_id: `${PAGE}_555_777` },
        message: expect.objectContaining({ text: 'Hi Ann, which order is it?' }),
      }),
    );

    // Meta echoes the private reply on the Messenger channel, then the customer answers there.
    const detail = await api<{
      messages: { id: string; direction: string; externalId: string | null; isPublic: boolean }[];
    }>(cookie, 'GET', `/api/v1/conversations/${publicConversation!.id}`);
    const privateReply = detail.body.messages.find((m) => m.direction !== 'in' && !m.isPublic) as {
      externalId: string;
    };
    clock.advance(60_000);
    await post(
      'messenger',
      messengerId,
      messengerEcho({
        accountId: PAGE,
        customerId: 'psid-1',
        mid: privateReply.externalId,
        text: 'Hi Ann, which order is it?',
        at: clock(),
      }),
    );
    clock.advance(60_000);
    await post(
      'messenger',
      messengerId,
      messengerText({
        accountId: PAGE,
        customerId: 'psid-1',
        mid: 'm_customer_1',
        text: 'Order 4411',
        at: clock(),
      }),
    );
    const links = await api<{
      items: { id: string; status: string; privateConversationId: string; canClose: boolean }[];
    }>(cookie, 'GET', `/api/v1/conversations/${publicConversation!.id}/private-links`);
    const [link] = links.body.items;
    expect(link).toMatchObject({ status: 'linked', canClose: false });
    expect(link!.privateConversationId).not.toBe(publicConversation!.id);
    const privateSide = await api<{ items: { id: string }[] }>(
      cookie,
      'GET',
      `/api/v1/conversations/${link!.privateConversationId}/private-links`,
    );
    expect(privateSide.body.items.map((l) => l.id)).toEqual([link!.id]);

    // Closing publicly waits for the private conversation to be resolved.
    const early = await api(cookie, 'POST', `/api/v1/private-links/${link!.id}/close`, {
      text: 'All sorted!',
    });
    expect(early.status).toBe(409);
    const resolved = await api(
      cookie,
      'POST',
      `/api/v1/conversations/${link!.privateConversationId}/status`,
      { status: 'resolved' },
    );
    expect(resolved.status).toBe(200);
    const before = platform.received.length;
    const closed = await api<{ link: { status: string } }>(
      cookie,
      'POST',
      `/api/v1/private-links/${link!.id}/close`,
      {
        text: 'All sorted with Ann in private, thanks for your patience.',
      },
    );
    expect(closed.status).toBe(201);
    expect(closed.body.link.status).toBe('closed');
    await drainOutbox(server);
    const closing = platform.received.slice(before);
    expect(closing).toHaveLength(1);
    expect(JSON.parse(closing[0]!.body)).toMatchObject({
      message: 'All sorted with Ann in private, thanks for your patience.',
    });
    const again = await api(cookie, 'POST', `/api/v1/private-links/${link!.id}/close`, { text: 'Twice?' });
    expect(again.status).toBe(409);
  });

  it('X mention → public reply with a DM link and a DM; the customer’s DM joins the same conversation', async () => {
    const { cookie } = await seedAccount(server);
    const xId = await channel(cookie, 'x', { userId: BRAND_X });
    const author = { id: '424242', screenName: 'angrybird', followers: 12_000 };
    await post(
      'x',
      xId,
      xTweet({
        forUserId: BRAND_X,
        id: '18000000000000001',
        text: '@brand worst service ever',
        at: clock(),
        user: author,
      }),
    );
    const [publicConversation] = await conversations(cookie);

    const tooLong = await api<{ error: { code: string; message: string } }>(
      cookie,
      'POST',
      `/api/v1/conversations/${publicConversation!.id}/continue-in-private`,
      { publicText: 'x'.repeat(280), privateText: 'Hi' },
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.message).toMatch(/280/);
    const untouched = await api<{ messages: unknown[] }>(
      cookie,
      'GET',
      `/api/v1/conversations/${publicConversation!.id}`,
    );
    expect(untouched.body.messages).toHaveLength(1);

    const before = platform.received.length;
    const started = await api(
      cookie,
      'POST',
      `/api/v1/conversations/${publicConversation!.id}/continue-in-private`,
      {
        publicText: 'Sorry to hear that, we sent you a DM.',
        privateText: 'Hi, can you share your order number?',
      },
    );
    expect(started.status).toBe(201);
    await drainOutbox(server);
    const sent = platform.received.slice(before);
    const tweet = sent.find((r) => JSON.parse(r.body).reply) as { body: string };
    expect(JSON.parse(tweet.body)).toEqual({
      text: `Sorry to hear that, we sent you a DM. ${xDmDeepLink(BRAND_X)}`,
      reply: { in_reply_to_tweet_id: '18000000000000001' },
    });
    expect(sent.some((r) => JSON.parse(r.body).text === 'Hi, can you share your order number?')).toBe(true);

    clock.advance(60_000);
    await post(
      'x',
      xId,
      xDirectMessage({
        forUserId: BRAND_X,
        id: 'dm-1',
        sender: author,
        recipientId: BRAND_X,
        text: 'Order 9',
        at: clock(),
      }),
    );
    expect(await conversations(cookie)).toHaveLength(1);
    const links = await api<{ items: { status: string; privateConversationId: string }[] }>(
      cookie,
      'GET',
      `/api/v1/conversations/${publicConversation!.id}/private-links`,
    );
    expect(links.body.items[0]).toMatchObject({
      status: 'linked',
      privateConversationId: publicConversation!.id,
    });
  });

  it('refuses conversations that have no public post', async () => {
    const { cookie } = await seedAccount(server);
    const messengerId = await channel(cookie, 'messenger', { pageId: PAGE });
    await post(
      'messenger',
      messengerId,
      messengerText({ accountId: PAGE, customerId: 'psid-9', mid: 'm_only_dm', text: 'hi', at: clock() }),
    );
    const [conversation] = await conversations(cookie);
    const res = await api<{ error: { code: string } }>(
      cookie,
      'POST',
      `/api/v1/conversations/${conversation!.id}/continue-in-private`,
      {
        privateText: 'Hi',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
