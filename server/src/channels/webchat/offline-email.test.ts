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
import { type MailSink, sendCustomerMail, startMailSink } from '../../simulator/mail-server.ts';
import { type SmtpIngress, startSmtpIngress } from '../email/smtp-ingress.ts';
import { DeliveryWriter } from '../pipeline/group-insert.ts';

// No agent online: the widget is told so and asks for an address; the address becomes the
// contact's email identity; replies while the visitor is away leave through the account's email
// channel, and the customer's answer by email comes back into the same conversation.

describe.each(testEngines())('web chat continued by email on %s', (engine) => {
  let server: TestServer;
  let baseUrl: string;
  let sink: MailSink;
  let ingress: SmtpIngress;
  const open: ChatVisitor[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    sink = await startMailSink();
    const { ctx } = server.runtime;
    ingress = await startSmtpIngress({
      db: ctx.db,
      metrics: ctx.metrics,
      writer: new DeliveryWriter(ctx.db),
      clock: ctx.clock,
      onStored: () => undefined,
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await Promise.all(open.map((v) => v.close()));
    await ingress.close();
    await sink.close();
    await server.close();
  });

  async function account() {
    const { cookie } = await seedAccount(server);
    const tag = Math.random().toString(36).slice(2, 8);
    const address = `support-${tag}@outfitters.example`;
    const email = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'email',
        name: 'Support mailbox',
        settings: { address, fromName: 'Outfitters Support', smtpHost: '127.0.0.1', smtpPort: sink.port },
      },
    });
    expect(email.statusCode).toBe(201);
    const chat = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'webchat',
        name: 'Site chat',
        settings: { fromName: 'Outfitters' },
        secrets: { signingSecret: `chat-secret-${tag}-0123456789` },
      },
    });
    expect(chat.statusCode).toBe(201);
    return {
      cookie,
      address,
      emailChannelId: (email.json() as { id: string }).id,
      chatChannelId: (chat.json() as { id: string }).id,
    };
  }

  async function visit(channelId: string) {
    const visitor = await ChatVisitor.connect(baseUrl, channelId);
    open.push(visitor);
    return visitor;
  }

  async function setPresence(cookie: string, status: 'online' | 'offline') {
    const res = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/routing/presence/me',
      headers: { cookie },
      payload: { status },
    });
    expect(res.statusCode).toBe(200);
  }

  async function conversationsOf(cookie: string) {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { cookie } });
    return (res.json() as { items: { id: string; contactId?: string; contact?: { id: string } }[] }).items;
  }

  async function detail(cookie: string, id: string) {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${id}`,
      headers: { cookie },
    });
    return res.json() as {
      conversation?: { contactId?: string; contact?: { id: string } };
      contact?: { id: string };
      contactId?: string;
      messages: {
        id: string;
        direction: string;
        channelId: string;
        externalId: string | null;
        deliveryStatus: string;
        text: string;
      }[];
    };
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

  /** The server notes a departure when it sees the socket close: wait for that, not a fixed time. */
  async function gone(channelId: string) {
    for (let i = 0; i < 500; i++) {
      const row = await server.runtime.ctx.db.kysely
        .selectFrom('webchat_visitors')
        .select('open_sockets')
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      if (row?.open_sockets === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the visitor never left');
  }

  it('tells the widget whether an agent is online, live', async () => {
    const acct = await account();
    const visitor = await visit(acct.chatChannelId);
    expect(visitor.frames[0]).toMatchObject({ type: 'session', agentsOnline: false });
    const cameOnline = visitor.next('availability');
    await setPresence(acct.cookie, 'online');
    expect(await cameOnline).toMatchObject({ agentsOnline: true });
    const later = await visit(acct.chatChannelId);
    expect(later.frames[0]).toMatchObject({ type: 'session', agentsOnline: true });
    const wentAway = later.next('availability');
    await setPresence(acct.cookie, 'offline');
    expect(await wentAway).toMatchObject({ agentsOnline: false });
  });

  it('keeps the address on the contact and continues the conversation by email, both ways', async () => {
    const acct = await account();
    const visitor = await visit(acct.chatChannelId);
    expect(visitor.frames[0]).toMatchObject({ agentsOnline: false });
    // Asked first (nobody online), before writing anything.
    expect(await visitor.leaveEmail('Lee@Customer.example')).toMatchObject({ email: 'lee@customer.example' });
    await visitor.say('Can I change my delivery address?');
    await visitor.close();
    await gone(acct.chatChannelId);
    await drainInbound(server);

    const [conversation] = await conversationsOf(acct.cookie);
    expect(conversation).toBeDefined();
    const contactId = (
      await server.runtime.ctx.db.kysely
        .selectFrom('conversations')
        .select('contact_id')
        .where('id', '=', conversation!.id)
        .executeTakeFirstOrThrow()
    ).contact_id;
    const contact = await server.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${contactId}`,
      headers: { cookie: acct.cookie },
    });
    const shown = contact.json() as {
      email: string | null;
      identities: { provider: string; externalUserId: string }[];
    };
    expect(shown.email).toBe('lee@customer.example');
    expect(shown.identities.map((i) => i.provider).sort()).toEqual(['email', 'webchat']);
    expect(shown.identities.find((i) => i.provider === 'email')?.externalUserId).toBe('lee@customer.example');

    // The agent answers while the visitor is away: an email from the account's email channel.
    const before = sink.received.length;
    const firstReplyId = await reply(acct.cookie, conversation!.id, 'Yes: reply with the new address.');
    await drainOutbox(server);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail?.rcptTo).toEqual(['lee@customer.example']);
    expect(mail?.from).toBe(acct.address);
    expect(mail?.subject).toBe('Re: Your chat with Outfitters');
    expect(mail?.messageId).toBe(`<parley.${firstReplyId}@outfitters.example>`);
    expect(mail?.text.trim()).toBe('Yes: reply with the new address.');
    let thread = await detail(acct.cookie, conversation!.id);
    const sent = thread.messages.find((m) => m.id === firstReplyId);
    expect(sent).toMatchObject({
      deliveryStatus: 'sent',
      channelId: acct.emailChannelId,
      externalId: mail?.messageId,
    });

    // The customer answers from their mail client: it threads back into the chat conversation.
    await sendCustomerMail(ingress.port, {
      from: 'lee@customer.example',
      to: acct.address,
      subject: 'Re: Your chat with Outfitters',
      messageId: '<lee-answer-1@customer.example>',
      inReplyTo: mail?.messageId ?? '',
      references: [mail?.messageId ?? ''],
      text: 'New address: 4 Quay Street, Bristol.\n\nOn Monday Outfitters Support wrote:\n> Yes: reply with the new address.',
    });
    await drainInbound(server);
    expect(await conversationsOf(acct.cookie)).toHaveLength(1);
    thread = await detail(acct.cookie, conversation!.id);
    const answer = thread.messages.find((m) => m.externalId === '<lee-answer-1@customer.example>');
    expect(answer).toMatchObject({
      direction: 'in',
      channelId: acct.emailChannelId,
      text: 'New address: 4 Quay Street, Bristol.',
    });

    // The next reply is threaded under the customer's mail.
    const secondReplyId = await reply(acct.cookie, conversation!.id, 'Done, it ships there tomorrow.');
    await drainOutbox(server);
    const second = (await sink.waitFor(before + 2)).at(-1);
    expect(second?.messageId).toBe(`<parley.${secondReplyId}@outfitters.example>`);
    expect(second?.inReplyTo).toBe('<lee-answer-1@customer.example>');
    expect(second?.references).toEqual(
      expect.arrayContaining([mail?.messageId, '<lee-answer-1@customer.example>']),
    );
    expect(second?.subject).toBe('Re: Your chat with Outfitters');

    // Back on the site, the visitor's chat shows the whole exchange.
    const back = await ChatVisitor.connect(baseUrl, acct.chatChannelId, {
      visitorId: visitor.visitorId,
      token: visitor.token,
    });
    open.push(back);
    const history = back.frames.find((f) => f.type === 'history') ?? (await back.next('history'));
    expect((history.messages as { text: string }[]).map((m) => m.text)).toEqual([
      'Can I change my delivery address?',
      'Yes: reply with the new address.',
      'New address: 4 Quay Street, Bristol.',
      'Done, it ships there tomorrow.',
    ]);
  });

  it('answers on the socket while the visitor is on the page, even with an address', async () => {
    const acct = await account();
    const visitor = await visit(acct.chatChannelId);
    await visitor.leaveEmail('kim@customer.example');
    await visitor.say('Is the red one in stock?');
    await drainInbound(server);
    const [conversation] = await conversationsOf(acct.cookie);
    const before = sink.received.length;
    const live = visitor.next('message');
    const replyId = await reply(acct.cookie, conversation!.id, 'Yes, two left.');
    await drainOutbox(server);
    expect((await live).message).toMatchObject({ id: replyId, text: 'Yes, two left.' });
    expect(sink.received.length).toBe(before);
    const thread = await detail(acct.cookie, conversation!.id);
    expect(thread.messages.find((m) => m.id === replyId)?.channelId).toBe(acct.chatChannelId);
  });

  it('does not join an anonymous visitor to a customer who already has that address', async () => {
    const acct = await account();
    await sendCustomerMail(ingress.port, {
      from: 'pat@customer.example',
      to: acct.address,
      subject: 'Invoice',
      messageId: '<pat-1@customer.example>',
      text: 'Please resend my invoice.',
    });
    await drainInbound(server);
    const visitor = await visit(acct.chatChannelId);
    expect(await visitor.leaveEmail('pat@customer.example')).toMatchObject({ type: 'email.saved' });
    await visitor.say('Hi, I am Pat');
    await drainInbound(server);
    const rows = await server.runtime.ctx.db.kysely
      .selectFrom('conversations')
      .select(['contact_id', 'channel_id'])
      .where('channel_id', 'in', [acct.emailChannelId, acct.chatChannelId])
      .execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.contact_id)).size).toBe(2);
    const chatContact = rows.find((r) => r.channel_id === acct.chatChannelId)?.contact_id ?? '';
    const contact = await server.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${chatContact}`,
      headers: { cookie: acct.cookie },
    });
    expect((contact.json() as { email: string | null }).email).toBeNull();
  });
});
