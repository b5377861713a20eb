import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  drainInbound,
  drainOutbox,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { ChatVisitor } from '../../simulator/chat-visitor.ts';
import { type MailSink, startMailSink } from '../../simulator/mail-server.ts';
import { signUserId } from './identity.ts';

// Real WebSocket visitors against a listening Parley: stored before ack, idempotent by client
// message id, replies pushed live, email when the visitor has left, origins and identity checked.

describe.each(testEngines())('web chat on %s', (engine) => {
  let server: TestServer;
  let baseUrl: string;
  let sink: MailSink;
  const open: ChatVisitor[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    sink = await startMailSink();
  });
  afterAll(async () => {
    await Promise.all(open.map((v) => v.close()));
    await sink.close();
    await server.close();
  });

  async function chatChannel(settings: Record<string, unknown> = {}) {
    const { cookie } = await seedAccount(server);
    const secret = `chat-secret-${Math.random().toString(36).slice(2)}`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'webchat',
        name: 'Site chat',
        settings: { fromName: 'Outfitters', ...settings },
        secrets: { signingSecret: secret },
      },
    });
    expect(res.statusCode).toBe(201);
    return { cookie, secret, id: (res.json() as { id: string }).id };
  }

  async function visit(channelId: string, options: Parameters<typeof ChatVisitor.connect>[2] = {}) {
    const visitor = await ChatVisitor.connect(baseUrl, channelId, options);
    open.push(visitor);
    return visitor;
  }

  const stored = async (channelId: string) =>
    (
      await server.runtime.ctx.db.kysely
        .selectFrom('inbound_events')
        .select('id')
        .where('channel_id', '=', channelId)
        .execute()
    ).length;

  async function onlyConversation(cookie: string) {
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const items = (list.json() as { items: { id: string }[] }).items;
    expect(items).toHaveLength(1);
    return items[0]!.id;
  }

  async function reply(cookie: string, conversationId: string, text: string) {
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/replies`,
      headers: { cookie },
      payload: { text },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { message: { id: string } }).message.id;
  }

  it('stores a visitor message before the ack, once per client id, and pushes the reply live', async () => {
    const channel = await chatChannel();
    const visitor = await visit(channel.id, { name: 'Dana' });
    expect(visitor.visitorId).toMatch(/^v_/);
    const ack = await visitor.say('Do you ship to Norway?', 'client-1');
    expect(ack).toMatchObject({ type: 'ack', clientMessageId: 'client-1', isDuplicate: false });
    expect(await stored(channel.id)).toBe(1);
    // The widget resends what it has no ack for: the same client id stores nothing new.
    expect(await visitor.say('Do you ship to Norway?', 'client-1')).toMatchObject({ isDuplicate: true });
    expect(await stored(channel.id)).toBe(1);

    await drainInbound(server);
    const conversationId = await onlyConversation(channel.cookie);
    const live = visitor.next('message');
    const replyId = await reply(channel.cookie, conversationId, 'Yes, in 3 to 5 days.');
    await drainOutbox(server);
    const pushed = await live;
    expect(pushed.message).toMatchObject({ id: replyId, direction: 'out', text: 'Yes, in 3 to 5 days.' });
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}`,
      headers: { cookie: channel.cookie },
    });
    const messages = (
      detail.json() as { messages: { id: string; deliveryStatus: string; surface: string }[] }
    ).messages;
    expect(messages.map((m) => m.surface)).toEqual(['chat', 'dm']);
    expect(messages.find((m) => m.id === replyId)?.deliveryStatus).toBe('sent');

    // Coming back with the saved token resumes the same visitor and shows the history.
    await visitor.close();
    const back = await visit(channel.id, { visitorId: visitor.visitorId, token: visitor.token });
    expect(back.visitorId).toBe(visitor.visitorId);
    const history = back.frames.find((f) => f.type === 'history') ?? (await back.next('history'));
    expect((history.messages as { text: string }[]).map((m) => m.text)).toEqual([
      'Do you ship to Norway?',
      'Yes, in 3 to 5 days.',
    ]);
  });

  it('a wrong token gives a new anonymous visitor, never someone else’s chat', async () => {
    const channel = await chatChannel();
    const first = await visit(channel.id);
    await first.say('private question');
    const stranger = await visit(channel.id, { visitorId: first.visitorId, token: 'f'.repeat(64) });
    expect(stranger.visitorId).not.toBe(first.visitorId);
    const history = stranger.frames.find((f) => f.type === 'history') ?? (await stranger.next('history'));
    expect(history.messages).toEqual([]);
  });

  it('refuses bad frames and messages with a clear error, storing nothing', async () => {
    const channel = await chatChannel();
    const visitor = await visit(channel.id);
    const badJson = visitor.next('error');
    visitor.sendFrame({ type: 'shout' });
    expect(await badJson).toMatchObject({ code: 'bad_frame' });
    expect(await visitor.say('', 'empty-1')).toMatchObject({ type: 'error', code: 'bad_message' });
    expect(await visitor.say('x'.repeat(5001), 'long-1')).toMatchObject({
      type: 'error',
      code: 'bad_message',
    });
    expect(await visitor.say('hello', 'bad id with spaces')).toMatchObject({
      type: 'error',
      code: 'bad_message',
    });
    expect(await visitor.leaveEmail('not-an-address')).toMatchObject({ type: 'error', code: 'bad_email' });
    expect(await stored(channel.id)).toBe(0);
  });

  it('checks allowed origins', async () => {
    const channel = await chatChannel({ allowedOrigins: ['https://shop.example'] });
    const allowed = await visit(channel.id, { origin: 'https://shop.example' });
    expect(allowed.visitorId).toMatch(/^v_/);
    const other = await visit(channel.id, { origin: 'https://evil.example' });
    expect(await other.close()).toBe(4403);
    expect(other.frames[0]).toMatchObject({ type: 'error', code: 'origin_not_allowed' });
  });

  it('verifies signed user ids and can require them', async () => {
    const channel = await chatChannel({ requireIdentity: true });
    const anonymous = await visit(channel.id);
    expect(await anonymous.close()).toBe(4401);
    const forged = await visit(channel.id, {
      userId: 'cust-42',
      userHash: signUserId('wrong-secret', 'cust-42'),
    });
    expect(await forged.close()).toBe(4401);
    expect(forged.frames[0]).toMatchObject({ code: 'identity_invalid' });
    const signed = await visit(channel.id, {
      userId: 'cust-42',
      userHash: signUserId(channel.secret, 'cust-42'),
    });
    expect(signed.frames[0]).toMatchObject({ type: 'session', visitorId: 'user:cust-42', isVerified: true });
    await signed.say('Hi, it is me');
    await drainInbound(server);
    const conversationId = await onlyConversation(channel.cookie);
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}`,
      headers: { cookie: channel.cookie },
    });
    const [message] = (detail.json() as { messages: { metadata: Record<string, unknown> }[] }).messages;
    expect(message?.metadata.isVerified).toBe(true);
  });

  it('emails the reply to a visitor who left an address and has gone', async () => {
    const channel = await chatChannel({
      address: 'chat@outfitters.example',
      smtpHost: '127.0.0.1',
      smtpPort: sink.port,
    });
    const visitor = await visit(channel.id);
    expect(await visitor.leaveEmail('Lee@Customer.example')).toMatchObject({
      type: 'email.saved',
      email: 'lee@customer.example',
    });
    await visitor.say('Can I change my delivery address?');
    await visitor.close();
    await drainInbound(server);
    const conversationId = await onlyConversation(channel.cookie);
    // The server notes the departure when it sees the socket close; wait for that, not a fixed time.
    for (let i = 0; i < 200; i++) {
      const row = await server.runtime.ctx.db.kysely
        .selectFrom('webchat_visitors')
        .select('open_sockets')
        .where('channel_id', '=', channel.id)
        .executeTakeFirst();
      if (row?.open_sockets === 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const before = sink.received.length;
    await reply(channel.cookie, conversationId, 'Yes: reply with the new address.');
    await drainOutbox(server);
    const mails = await sink.waitFor(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.rcptTo).toEqual(['lee@customer.example']);
    expect(mail.from).toBe('chat@outfitters.example');
    expect(mail.subject).toBe('Re: Your chat with Outfitters');
    expect(mail.text.trim()).toBe('Yes: reply with the new address.');
  });

  it('serves the widget script', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body).toContain('/webchat/');
    expect(() => new Function(res.body)).not.toThrow();
  });
});
