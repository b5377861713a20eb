import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messengerText, whatsappText } from '../channels/fixtures/wire-builders.ts';
import { DeliveryWriter } from '../channels/index.ts';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  drainInbound,
  drainOutbox,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { Simulator } from '../simulator/index.ts';
import { type MailSink, startMailSink } from '../simulator/mail-server.ts';
import {
  freePort,
  messageById,
  metaConversation,
  PDF,
  PNG,
  reply,
  simulatedChannel,
  uploadId,
} from './test-setup.ts';

// Upload → reply with the file → the outbox sends it → the "platform" (simulator, mail server)
// receives the right body and fetches the file from Parley's signed URL, as the real ones do.

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(testEngines())('reply attachments reach each platform on %s', (engine) => {
  let server: TestServer;
  let simulator: Simulator;
  let sink: MailSink;
  let publicUrl: string;
  let sequence = 0;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startTestServer(engine, { env: { PUBLIC_URL: publicUrl, SESSION_TTL_HOURS: '2160' } });
    await server.app.listen({ port, host: '127.0.0.1' });
    simulator = new Simulator({ port: 0, sendsFollowUps: false });
    await simulator.start();
    sink = await startMailSink();
  });
  afterAll(async () => {
    await simulator.stop();
    await sink.close();
    await server.close();
  });

  const lastSend = () => {
    const request = simulator.log.requests.at(-1)!;
    return { request, body: JSON.parse(request.body) as Record<string, unknown> };
  };

  async function messenger() {
    sequence += 1;
    const { cookie } = await seedAccount(server);
    const pageId = `1042000000${sequence}${Date.now() % 1000}`;
    const channel = await simulatedChannel(server, simulator, cookie, 'messenger', {
      pageId,
      apiBaseUrl: simulator.graphBaseUrl(),
    });
    const customer = `psid-${engine}-${sequence}`;
    const conversationId = await metaConversation(
      server,
      cookie,
      channel,
      'messenger',
      messengerText({
        accountId: pageId,
        customerId: customer,
        mid: `m_${customer}`,
        text: 'Photo?',
        at: new Date(),
      }),
    );
    return { cookie, conversationId, customer };
  }

  it('Messenger: the file goes as a Send API attachment the platform fetches from a signed URL', async () => {
    const { cookie, conversationId, customer } = await messenger();
    const fileId = await uploadId(server, cookie, conversationId, {
      name: 'label.png',
      type: 'image/png',
      bytes: PNG,
    });
    const res = await reply(server, cookie, conversationId, { text: '', attachmentIds: [fileId] });
    expect(res.statusCode, res.body).toBe(201);
    const message = (res.json() as { message: { id: string; attachments: unknown[] } }).message;
    expect(message.attachments).toEqual([
      {
        kind: 'image',
        attachmentId: fileId,
        name: 'label.png',
        mimeType: 'image/png',
        sizeBytes: PNG.length,
        url: `/api/v1/attachments/${fileId}/content`,
      },
    ]);

    await drainOutbox(server);
    const { request, body } = lastSend();
    expect(request.path).toMatch(/\/me\/messages$/);
    const url = (body.message as { attachment: { payload: { url: string } } }).attachment.payload.url;
    expect(body).toEqual({
      recipient: { id: customer },
      messaging_type: 'RESPONSE',
      message: {
        attachment: { type: 'image', payload: { url, is_reusable: false } },
        metadata: `parley:${message.id}`,
      },
    });
    expect(url.startsWith(`${publicUrl}/files/${fileId}/label.png?expires=`)).toBe(true);
    // The platform downloaded exactly the uploaded bytes before accepting the send.
    expect(request.media).toEqual([
      { url, status: 200, sizeBytes: PNG.length, contentType: 'image/png', sha256: sha256(PNG) },
    ]);
    expect((await messageById(server, cookie, conversationId, message.id)).deliveryStatus).toBe('sent');

    // The URL is only good as signed.
    const path = url.slice(publicUrl.length);
    expect((await server.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    const forged = path.replace(
      /signature=([0-9a-f])/,
      (_m, c: string) => `signature=${c === 'a' ? 'b' : 'a'}`,
    );
    expect((await server.app.inject({ method: 'GET', url: forged })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: path.split('?')[0]! })).statusCode).toBe(404);
  });

  const messagesOf = async (conversationId: string, cookie: string) =>
    (
      (
        await server.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversationId}`,
          headers: { cookie },
        })
      ).json() as { messages: unknown[] }
    ).messages;

  async function whatsapp() {
    sequence += 1;
    const { cookie } = await seedAccount(server);
    const phoneNumberId = `10650000${sequence}${Date.now() % 1000}`;
    const channel = await simulatedChannel(server, simulator, cookie, 'whatsapp', {
      phoneNumberId,
      apiBaseUrl: simulator.graphBaseUrl(),
    });
    const from = `4479000${sequence}${Date.now() % 10000}`;
    const conversationId = await metaConversation(
      server,
      cookie,
      channel,
      'whatsapp',
      whatsappText({
        wabaId: 'waba-1',
        phoneNumberId,
        from,
        id: `wamid.${from}`,
        text: 'Invoice?',
        at: new Date(),
      }),
    );
    return { cookie, conversationId, from };
  }

  it('Messenger: text and a file in one reply is refused before anything is sent', async () => {
    const { cookie, conversationId } = await messenger();
    const fileId = await uploadId(server, cookie, conversationId, {
      name: 'a.png',
      type: 'image/png',
      bytes: PNG,
    });
    const res = await reply(server, cookie, conversationId, { text: 'Here it is', attachmentIds: [fileId] });
    const id = (res.json() as { message: { id: string } }).message.id;
    const before = simulator.log.requests.length;
    await drainOutbox(server);
    expect(simulator.log.requests.length).toBe(before);
    expect(await messageById(server, cookie, conversationId, id)).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: expect.stringContaining('send the text as a separate reply'),
    });
  });

  it('WhatsApp: an image with its caption, a PDF as a document with its file name', async () => {
    const { cookie, conversationId, from } = await whatsapp();
    const image = await uploadId(server, cookie, conversationId, {
      name: 'box.png',
      type: 'image/png',
      bytes: PNG,
    });
    await reply(server, cookie, conversationId, { text: 'Your parcel', attachmentIds: [image] });
    await drainOutbox(server);
    const first = lastSend();
    expect(first.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: from,
      type: 'image',
      image: { link: expect.stringContaining(`/files/${image}/box.png?`), caption: 'Your parcel' },
    });
    expect(first.request.media?.[0]).toMatchObject({ status: 200, sha256: sha256(PNG) });

    const pdf = await uploadId(server, cookie, conversationId, {
      name: 'invoice 7.pdf',
      type: 'application/pdf',
      bytes: PDF,
    });
    await reply(server, cookie, conversationId, { text: '', attachmentIds: [pdf] });
    await drainOutbox(server);
    const second = lastSend();
    expect(second.body).toMatchObject({
      type: 'document',
      document: {
        link: expect.stringContaining(`/files/${pdf}/invoice%207.pdf?`),
        filename: 'invoice 7.pdf',
      },
    });
    expect(second.request.media?.[0]).toMatchObject({
      status: 200,
      contentType: 'application/pdf',
      sha256: sha256(PDF),
    });
  });

  it("WhatsApp: an image over the platform's 5 MB is refused at the reply, stores nothing; a document that size goes", async () => {
    const { cookie, conversationId } = await whatsapp();
    // A PNG by its signature, 6 MB long: within Parley's upload limit (10 MB), over WhatsApp's for images.
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const image = await uploadId(server, cookie, conversationId, {
      name: 'huge.png',
      type: 'image/png',
      bytes: big,
    });
    const before = (await messagesOf(conversationId, cookie)).length;
    const refused = await reply(server, cookie, conversationId, { text: 'Photo', attachmentIds: [image] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'reply_refused',
        message: expect.stringContaining('images up to 5 MB; huge.png is 6 MB'),
        details: {
          reason: 'attachment_too_large',
          attachmentId: image,
          kind: 'image',
          maxBytes: 5 * 1024 * 1024,
        },
      },
    });
    expect(await messagesOf(conversationId, cookie)).toHaveLength(before);
    const sends = simulator.log.requests.length;
    await drainOutbox(server);
    expect(simulator.log.requests.length).toBe(sends);
    // The same size as a document is within WhatsApp's 100 MB for documents.
    const pdf = await uploadId(server, cookie, conversationId, {
      name: 'scan.pdf',
      type: 'application/pdf',
      bytes: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]),
    });
    expect((await reply(server, cookie, conversationId, { text: '', attachmentIds: [pdf] })).statusCode).toBe(
      201,
    );
  });

  it('Email: files travel as MIME attachments with the reply', async () => {
    const { cookie } = await seedAccount(server);
    const address = `support-${engine}-${Date.now()}@outfitters.example`;
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'email',
        name: 'Mailbox',
        settings: { address, smtpHost: '127.0.0.1', smtpPort: sink.port },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const conversationId = await emailConversation(server, cookie, channelId, address);
    const pdf = await uploadId(server, cookie, conversationId, {
      name: 'returns.pdf',
      type: 'application/pdf',
      bytes: PDF,
    });
    const png = await uploadId(server, cookie, conversationId, {
      name: 'label.png',
      type: 'image/png',
      bytes: PNG,
    });
    const res = await reply(server, cookie, conversationId, {
      text: 'Both attached.',
      attachmentIds: [pdf, png],
    });
    expect(res.statusCode, res.body).toBe(201);
    const count = sink.received.length;
    await drainOutbox(server);
    const [mail] = (await sink.waitFor(count + 1)).slice(count);
    expect(mail!.text.trim()).toBe('Both attached.');
    expect(mail!.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)])).toEqual([
      ['returns.pdf', 'application/pdf', sha256(PDF)],
      ['label.png', 'image/png', sha256(PNG)],
    ]);
  });

  it('API channel: the callback names every file by a signed URL its receiver can fetch', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await simulatedChannel(server, simulator, cookie, 'api', {});
    await server.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${channel.channelId}`,
      headers: { cookie },
      payload: { settings: { callbackUrl: simulator.apiCallbackUrl(channel.channelId) } },
    });
    await postWebhook(
      server,
      { id: channel.channelId, secret: channel.signingSecret },
      apiMessage({ authorId: 'api-cust' }),
    );
    await drainInbound(server);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const conversationId = (list.json() as { items: { id: string }[] }).items[0]!.id;
    const ids = [
      await uploadId(server, cookie, conversationId, { name: 'a.pdf', type: 'application/pdf', bytes: PDF }),
      await uploadId(server, cookie, conversationId, { name: 'b.png', type: 'image/png', bytes: PNG }),
    ];
    await reply(server, cookie, conversationId, { text: 'Two files', attachmentIds: ids });
    await drainOutbox(server);
    const { request, body } = lastSend();
    expect(body).toMatchObject({
      text: 'Two files',
      attachments: [
        { id: ids[0], name: 'a.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length },
        { id: ids[1], name: 'b.png', mimeType: 'image/png', sizeBytes: PNG.length },
      ],
    });
    expect(request.media?.map((m) => m.sha256)).toEqual([sha256(PDF), sha256(PNG)]);
  });
});

async function emailConversation(server: TestServer, cookie: string, channelId: string, address: string) {
  const channel = await server.runtime.ctx.db.kysely
    .selectFrom('channels')
    .select(['account_id'])
    .where('id', '=', channelId)
    .executeTakeFirstOrThrow();
  const messageId = `<q-${Date.now()}-${Math.random().toString(36).slice(2)}@customer.example>`;
  const delivery = {
    kind: 'email',
    receivedAt: new Date().toISOString(),
    envelope: { mailFrom: 'ann@customer.example', rcptTo: [address] },
    message: {
      messageId,
      references: [],
      subject: 'Return label',
      from: { address: 'ann@customer.example', name: 'Ann' },
      to: [{ address }],
      cc: [],
      text: 'Can you send the label?',
      hasHtml: false,
      attachments: [],
      isAutoReply: false,
    },
  };
  await new DeliveryWriter(server.runtime.ctx.db).store({
    accountId: channel.account_id,
    channelId,
    provider: 'email',
    eventKey: messageId,
    body: JSON.stringify(delivery),
  });
  await drainInbound(server);
  const list = await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { cookie } });
  return (list.json() as { items: { id: string }[] }).items[0]!.id;
}
