import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../accounts/index.ts';
import type { Provider } from '../channels/index.ts';
import { signIn, startTestServer, type TestServer } from '../http/testing.ts';
import { setupDemoChannels } from './demo-channels.ts';
import type { PlannedMessage } from './demo-planner.ts';
import { DemoTraffic } from './demo-traffic.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import { Simulator } from './simulator.ts';

// A real Parley (workers running, listening on loopback) and a real simulator: webhooks in every
// platform format arrive as conversations; replies reach the simulator and come back as statuses.

interface MessageView {
  externalId: string | null;
  direction: string;
  text: string;
  deliveryStatus: string;
  channelId: string;
  conversationId: string;
}

describe('the simulator against a running Parley', { timeout: 90_000 }, () => {
  let server: TestServer;
  let simulator: Simulator;
  let channels: Partial<Record<Provider, SimulatedChannel>>;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', { runWorkers: true, env: { OUTBOX_TIMEOUT_MS: '5000' } });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    simulator = new Simulator({ port: 0, followUpDelayMs: 20 });
    await simulator.start();
    channels = await setupDemoChannels(server.runtime, simulator, `http://127.0.0.1:${port}`);
    cookie = await signIn(server, 'admin@demo.parley.dev', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await simulator.stop();
    await server.close();
  });

  const channel = (provider: Provider) => {
    const found = channels[provider];
    if (!found) throw new Error(`no ${provider} channel`);
    return found;
  };

  async function api<T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
    const res = await server.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  }

  async function allMessages(): Promise<MessageView[]> {
    const list = await api<{ items: { id: string }[] }>('GET', '/api/v1/conversations?limit=200&cases=all');
    const views = await Promise.all(
      list.items.map((c) => api<{ messages: MessageView[] }>('GET', `/api/v1/conversations/${c.id}`)),
    );
    return views.flatMap((v, i) => v.messages.map((m) => ({ ...m, conversationId: list.items[i]!.id })));
  }

  async function waitForMessage(predicate: (m: MessageView) => boolean): Promise<MessageView> {
    return vi.waitFor(
      async () => {
        const messages = await allMessages();
        const found = messages.find(predicate);
        if (!found) {
          const outbound = messages
            .filter((m) => m.direction === 'out')
            .map(
              (m) =>
                `${m.text}: ${m.deliveryStatus} ${(m as { deliveryError?: string }).deliveryError ?? ''}`,
            );
          throw new Error(`not there yet; replies: ${outbound.join(' | ')}`);
        }
        return found;
      },
      { timeout: 45_000, interval: 100 },
    );
  }

  it('turns webhooks from every provider into conversations', async () => {
    const at = new Date();
    const w = simulator.webhooks;
    const author = {
      id: '1600000000000000901',
      screenName: 'bigvoice',
      followers: 1_200_000,
      isVerified: true,
    };
    const sent = await Promise.all([
      w.xTweet(channel('x'), {
        id: '1800000000000000901',
        author,
        text: '@DemoOutfitters my order vanished',
        at,
      }),
      w.xDm(channel('x'), { id: '1900000000000000901', sender: author, text: 'DM: order #DO-1', at }),
      w.messengerText(channel('messenger'), {
        mid: 'm_sim_901',
        customerId: '7300000000000901',
        text: 'Messenger hello',
        at,
      }),
      w.facebookComment(channel('facebook'), {
        postId: '104200000000777_1',
        commentId: '1_901',
        from: { id: '55901', name: 'Fay' },
        text: 'Comment on the post',
        at,
      }),
      w.instagramComment(channel('instagram'), {
        commentId: '17900000000000901',
        mediaId: '17900000000000100',
        from: { id: '61901', username: 'igfan' },
        text: 'IG comment',
        at,
      }),
      w.instagramDm(channel('instagram'), {
        mid: 'm_ig_901',
        customerId: '6100000000000901',
        text: 'IG DM',
        at,
      }),
      w.whatsappText(channel('whatsapp'), {
        id: 'wamid.SIM901',
        from: '447700900901',
        profileName: 'Noor',
        text: 'WhatsApp text',
        at,
      }),
      w.whatsappLocation(channel('whatsapp'), {
        id: 'wamid.SIM902',
        from: '447700900901',
        at,
        latitude: 51.5,
        longitude: -0.12,
        name: 'Depot',
        address: '1 Canal St',
      }),
      w.whatsappButtonReply(channel('whatsapp'), {
        id: 'wamid.SIM903',
        from: '447700900901',
        at,
        buttonId: 'track',
        title: 'Track order',
      }),
      w.apiMessage(channel('api'), {
        messageId: 'web-901',
        author: { id: 'cust-901', name: 'Casey' },
        text: 'Web form message',
        at,
      }),
    ]);
    expect(sent.map((s) => s.status)).toEqual(Array(10).fill(200));
    const expected = [
      '1800000000000000901',
      '1900000000000000901',
      'm_sim_901',
      '1_901',
      '17900000000000901',
      'm_ig_901',
      'wamid.SIM901',
      'wamid.SIM902',
      'wamid.SIM903',
      'web-901',
    ];
    const found = await vi.waitFor(
      async () => {
        const messages = await allMessages();
        const ids = messages.map((m) => m.externalId);
        if (!expected.every((id) => ids.includes(id))) {
          const dead = await api<unknown>('GET', '/api/v1/inbound-events/dead');
          throw new Error(
            `missing ${expected.filter((id) => !ids.includes(id)).join(', ')}; dead: ${JSON.stringify(dead).slice(0, 1500)}`,
          );
        }
        return messages;
      },
      { timeout: 45_000, interval: 100 },
    );
    const byId = new Map(found.map((m) => [m.externalId, m]));
    expect(byId.get('wamid.SIM902')?.text).toBe('Depot, 1 Canal St');
    expect(byId.get('wamid.SIM903')?.text).toBe('Track order');
    // The three WhatsApp messages from one number share a conversation (other tests of this file
    // may have added conversations of their own, before or after).
    const whatsapp = ['wamid.SIM901', 'wamid.SIM902', 'wamid.SIM903'].map((id) => byId.get(id)!);
    expect(new Set(whatsapp.map((m) => m.conversationId)).size).toBe(1);
    expect(whatsapp.every((m) => m.channelId === channel('whatsapp').channelId)).toBe(true);
    const conversations = await api<{
      items: {
        id: string;
        channel: { id: string; provider: string };
        contact: { followerCount: number | null; isVerified: boolean };
      }[];
    }>('GET', '/api/v1/conversations?limit=200&cases=all');
    const ours = new Set(
      found.filter((m) => expected.includes(m.externalId ?? '')).map((m) => m.conversationId),
    );
    expect(new Set(conversations.items.filter((c) => ours.has(c.id)).map((c) => c.channel.provider))).toEqual(
      new Set(['x', 'messenger', 'facebook', 'instagram', 'whatsapp', 'api']),
    );
    // The mention's author keeps the reach the webhook carried.
    expect(
      conversations.items.some((c) => c.contact.followerCount === 1_200_000 && c.contact.isVerified),
    ).toBe(true);
  });

  it('delivers a reply to an X mention through the simulator and marks it sent', async () => {
    const at = new Date();
    const author = { id: '1600000000000000777', screenName: 'kai', followers: 40 };
    await simulator.webhooks.xTweet(channel('x'), {
      id: '1800000000000000777',
      author,
      text: '@DemoOutfitters where is my parcel?',
      at,
    });
    const inbound = await waitForMessage((m) => m.externalId === '1800000000000000777');
    const conversationId = (inbound as MessageView & { conversationId: string }).conversationId;
    const { message } = await api<{ message: { id: string } }>(
      'POST',
      `/api/v1/conversations/${conversationId}/replies`,
      { text: '@kai Sorry Kai, checking now.' },
    );
    const sent = await waitForMessage(
      (m) => m.text === '@kai Sorry Kai, checking now.' && m.deliveryStatus === 'sent',
    );
    const request = simulator.log.requests.find(
      (r) => r.path === '/x/2/tweets' && r.body.includes('checking now'),
    );
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      text: '@kai Sorry Kai, checking now.',
      reply: { in_reply_to_tweet_id: '1800000000000000777' },
    });
    expect(sent.externalId).toBe(request?.platformId);
    expect(message.id).toBeTruthy();
  });

  it('delivers a WhatsApp reply, then applies the delivered and read statuses', async () => {
    const at = new Date();
    await simulator.webhooks.whatsappText(channel('whatsapp'), {
      id: 'wamid.SIM777',
      from: '447700900777',
      profileName: 'Ola',
      text: 'Is my refund coming?',
      at,
    });
    const inbound = await waitForMessage((m) => m.externalId === 'wamid.SIM777');
    const conversationId = (inbound as MessageView & { conversationId: string }).conversationId;
    await api('POST', `/api/v1/conversations/${conversationId}/replies`, { text: 'Yes, it went out today.' });
    const read = await waitForMessage(
      (m) => m.text === 'Yes, it went out today.' && m.deliveryStatus === 'read',
    );
    const request = simulator.log.requests.find((r) => r.body.includes('went out today'));
    expect(request?.path).toBe(`/graph/v21.0/${channel('whatsapp').phoneNumberId}/messages`);
    expect(read.externalId).toBe(request?.platformId);
    expect(simulator.followUpErrors).toEqual([]);
  });

  it('does not resend a Messenger reply whose answer timed out: the echo settles it', async () => {
    const at = new Date();
    await simulator.webhooks.messengerText(channel('messenger'), {
      mid: 'm_sim_timeout',
      customerId: '7300000000000555',
      text: 'Hello?',
      at,
    });
    const inbound = await waitForMessage((m) => m.externalId === 'm_sim_timeout');
    const conversationId = (inbound as MessageView & { conversationId: string }).conversationId;
    simulator.setFaults({ timeout: 1 });
    try {
      const { message } = await api<{ message: { id: string } }>(
        'POST',
        `/api/v1/conversations/${conversationId}/replies`,
        { text: 'Sorry for the wait!' },
      );
      // The outbox gives up waiting (5 s) and the row leaves 'sending'; the echo has marked the reply.
      await vi.waitFor(
        async () => {
          const row = await server.runtime.ctx.db.kysely
            .selectFrom('outbox')
            .select('status')
            .where('message_id', '=', message.id)
            .executeTakeFirstOrThrow();
          if (row.status === 'sending' || row.status === 'pending')
            throw new Error(`outbox still ${row.status}`);
        },
        { timeout: 45_000, interval: 100 },
      );
      const settled = await waitForMessage(
        (m) => m.text === 'Sorry for the wait!' && ['sent', 'delivered', 'read'].includes(m.deliveryStatus),
      );
      await simulator.idle();
      expect(simulator.log.acceptedCounts().get(`parley:${message.id}`)).toBe(1);
      expect(
        simulator.log.requests.filter((r) => r.deliveryKey === `parley:${message.id}`).map((r) => r.status),
      ).toEqual(['timeout']);
      expect(settled.externalId).toMatch(/^m_/);
    } finally {
      simulator.setFaults({});
    }
  });

  it('demo traffic arrives as conversations on every channel, nothing parked', async () => {
    const traffic = new DemoTraffic({ webhooks: simulator.webhooks, channels, seed: 99, burst: 0 });
    const planned: PlannedMessage[] = [];
    for (let i = 0; i < 40; i++) planned.push(await traffic.sendNext());
    await vi.waitFor(
      async () => {
        const ids = new Set((await allMessages()).map((m) => m.externalId));
        const missing = planned.filter((m) => !ids.has(m.id));
        if (missing.length > 0) throw new Error(`${missing.length} demo messages not there yet`);
      },
      { timeout: 45_000, interval: 200 },
    );
    const dead = await api<{ items: unknown[] }>('GET', '/api/v1/inbound-events/dead');
    expect(dead.items).toEqual([]);
  });
});
