import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../accounts/index.ts';
import { signIn, startTestServer, type TestServer } from '../http/testing.ts';
import { type EmailChatDemo, startEmailChatDemo } from './demo-email-chat.ts';

// The demo's email and chat customers against a running Parley (workers on, listening): mail over
// real SMTP both ways, a visitor on the real socket getting the agent's answer live.

describe('demo email and web chat customers', { timeout: 60_000 }, () => {
  let server: TestServer;
  let demo: EmailChatDemo;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', { runWorkers: true });
    const parleyUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    demo = await startEmailChatDemo(server.runtime, { parleyUrl, seed: 7 });
    cookie = await signIn(server, 'admin@demo.parley.dev', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await demo.stop();
    await server.close();
  });

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

  const conversationOn = (channelId: string) =>
    vi.waitFor(
      async () => {
        const list = await api<{ items: { id: string; channel: { id: string } }[] }>(
          'GET',
          '/api/v1/conversations?cases=all&limit=200',
        );
        const found = list.items.find((c) => c.channel.id === channelId);
        if (!found) throw new Error('no conversation yet');
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );

  it('a customer mail becomes a conversation and the reply reaches their mail server', async () => {
    const messageId = await demo.sendMail();
    const conversation = await conversationOn(demo.emailChannelId);
    await api('POST', `/api/v1/conversations/${conversation.id}/replies`, {
      text: 'Thanks, looking into it now.',
    });
    const mails = await demo.sink.waitFor(1);
    expect(mails[0]?.inReplyTo).toBe(messageId);
    expect(mails[0]?.text.trim()).toBe('Thanks, looking into it now.');
  });

  it('a web chat visitor gets the agent’s answer live', async () => {
    const visitor = await demo.chat(60_000);
    const conversation = await conversationOn(demo.webchatChannelId);
    const live = visitor.next('message');
    await api('POST', `/api/v1/conversations/${conversation.id}/replies`, { text: 'Hi! Happy to help.' });
    expect((await live).message).toMatchObject({ direction: 'out', text: 'Hi! Happy to help.' });
  });
});
