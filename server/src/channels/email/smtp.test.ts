import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  drainInbound,
  drainOutbox,
  manualClock,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { type MailSink, sendCustomerMail, startMailSink } from '../../simulator/mail-server.ts';
import { DeliveryWriter } from '../pipeline/group-insert.ts';
import { type SmtpIngress, startSmtpIngress } from './smtp-ingress.ts';

// Real SMTP both ways: customers' mail comes in through Parley's listener, replies go out to a
// test mail server standing for the customer's provider.

describe.each(testEngines())('email channel over SMTP on %s', (engine) => {
  let server: TestServer;
  let ingress: SmtpIngress;
  let sink: MailSink;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { OUTBOX_MAX_ATTEMPTS: '3' } });
    const { ctx } = server.runtime;
    ingress = await startSmtpIngress({
      db: ctx.db,
      metrics: ctx.metrics,
      writer: new DeliveryWriter(ctx.db),
      clock,
      onStored: () => undefined,
      port: 0,
      host: '127.0.0.1',
    });
    sink = await startMailSink();
  });
  afterAll(async () => {
    await ingress.close();
    await sink.close();
    await server.close();
  });

  async function emailChannel() {
    const { cookie, accountId } = await seedAccount(server);
    const address = `support-${Math.random().toString(36).slice(2, 8)}@outfitters.example`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'email',
        name: 'Support mailbox',
        settings: { address, fromName: 'Outfitters Support', smtpHost: '127.0.0.1', smtpPort: sink.port },
      },
    });
    expect(res.statusCode).toBe(201);
    return { cookie, accountId, address, id: (res.json() as { id: string }).id };
  }

  const storedDeliveries = async (channelId: string) =>
    (
      await server.runtime.ctx.db.kysely
        .selectFrom('inbound_events')
        .select(['id'])
        .where('channel_id', '=', channelId)
        .execute()
    ).length;

  async function conversations(cookie: string) {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { cookie } });
    return (res.json() as { items: { id: string }[] }).items;
  }

  async function thread(cookie: string, id: string) {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${id}`,
      headers: { cookie },
    });
    return res.json() as {
      messages: {
        id: string;
        direction: string;
        text: string;
        externalId: string | null;
        deliveryStatus: string;
        deliveryError: string | null;
        attachments: unknown[];
        metadata: Record<string, unknown>;
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

  it('stores a mail before answering 250, threads the reply and the customer’s answer', async () => {
    const channel = await emailChannel();
    const answer = await sendCustomerMail(ingress.port, {
      from: 'ann@customer.example',
      fromName: 'Ann Customer',
      to: channel.address,
      subject: 'Order 4411 never arrived',
      messageId: '<first-4411@customer.example>',
      html: '<p>Hello,</p><p>my <b>order 4411</b> never arrived.</p><script>alert(1)</script>',
      attachments: [{ filename: 'receipt.pdf', content: 'pdf bytes', contentType: 'application/pdf' }],
    });
    expect(answer.response).toMatch(/^250/);
    // Acknowledged means stored: the delivery row exists before any worker ran.
    expect(await storedDeliveries(channel.id)).toBe(1);

    await drainInbound(server);
    const [conversation] = await conversations(channel.cookie);
    expect(conversation).toBeDefined();
    const first = (await thread(channel.cookie, conversation!.id)).messages[0]!;
    expect(first.text).toContain('order 4411');
    expect(first.text).not.toContain('<b>');
    expect(first.text).not.toContain('alert');
    expect(first.externalId).toBe('<first-4411@customer.example>');
    expect(first.attachments).toEqual([{ kind: 'file', mimeType: 'application/pdf', name: 'receipt.pdf' }]);

    clock.advance(60_000);
    const replyId = await reply(channel.cookie, conversation!.id, 'Sorry Ann, a new parcel is on its way.');
    await drainOutbox(server);
    const [sent] = await sink.waitFor(sink.received.length);
    const mail = sink.received.at(-1)!;
    expect(sent).toBeDefined();
    expect(mail.rcptTo).toEqual(['ann@customer.example']);
    expect(mail.from).toBe(channel.address);
    expect(mail.subject).toBe('Re: Order 4411 never arrived');
    expect(mail.inReplyTo).toBe('<first-4411@customer.example>');
    expect(mail.references).toContain('<first-4411@customer.example>');
    expect(mail.messageId).toBe(`<parley.${replyId}@outfitters.example>`);
    expect(mail.text.trim()).toBe('Sorry Ann, a new parcel is on its way.');
    const afterSend = (await thread(channel.cookie, conversation!.id)).messages.find(
      (m) => m.id === replyId,
    )!;
    expect(afterSend.deliveryStatus).toBe('sent');
    expect(afterSend.externalId).toBe(mail.messageId);

    // The customer answers from their client: quoted history below, a new subject; it still threads.
    clock.advance(60_000);
    await sendCustomerMail(ingress.port, {
      from: 'ann@customer.example',
      to: channel.address,
      subject: 'Re: Order 4411 never arrived (still waiting)',
      inReplyTo: mail.messageId,
      references: ['<first-4411@customer.example>', mail.messageId],
      text: `It is still not here.\n\nOn Tue, 3 Mar 2026 at 09:00, Outfitters Support <${channel.address}> wrote:\n> Sorry Ann, a new parcel is on its way.\n`,
    });
    await drainInbound(server);
    expect(await conversations(channel.cookie)).toHaveLength(1);
    const messages = (await thread(channel.cookie, conversation!.id)).messages;
    expect(messages).toHaveLength(3);
    expect(messages[2]!.text).toBe('It is still not here.');
    expect(messages[2]!.metadata.fullText).toContain('> Sorry Ann');

    // A second reply carries the whole thread in References.
    clock.advance(60_000);
    await reply(channel.cookie, conversation!.id, 'Checking with the courier now.');
    await drainOutbox(server);
    const second = sink.received.at(-1)!;
    expect(second.references).toEqual([
      '<first-4411@customer.example>',
      mail.messageId,
      messages[2]!.externalId,
    ]);
    expect(second.inReplyTo).toBe(messages[2]!.externalId);
  });

  it('redelivery of the same mail stores nothing new', async () => {
    const channel = await emailChannel();
    const raw = `From: Bo <bo@customer.example>\r\nTo: ${channel.address}\r\nSubject: Hi\r\nMessage-ID: <bo-1@customer.example>\r\n\r\nWhere is my refund?\r\n`;
    await sendCustomerMail(ingress.port, {
      from: 'bo@customer.example',
      to: channel.address,
      subject: '',
      raw,
    });
    await sendCustomerMail(ingress.port, {
      from: 'bo@customer.example',
      to: channel.address,
      subject: '',
      raw,
    });
    expect(await storedDeliveries(channel.id)).toBe(1);
    await drainInbound(server);
    const [conversation] = await conversations(channel.cookie);
    expect((await thread(channel.cookie, conversation!.id)).messages).toHaveLength(1);
  });

  it('refuses mail for unknown mailboxes and mail without a sender, storing nothing', async () => {
    const channel = await emailChannel();
    await expect(
      sendCustomerMail(ingress.port, {
        from: 'ann@customer.example',
        to: 'nobody@outfitters.example',
        subject: 'Hello',
        text: 'Anyone?',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const raw = `To: ${channel.address}\r\nSubject: no sender\r\n\r\nWho am I?\r\n`;
    await expect(
      sendCustomerMail(ingress.port, { from: 'x@customer.example', to: channel.address, subject: '', raw }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('no valid From') });
    expect(await storedDeliveries(channel.id)).toBe(0);
  });

  it('marks a reply failed when its bounce comes back, and retries a 451 from the mail server', async () => {
    const channel = await emailChannel();
    await sendCustomerMail(ingress.port, {
      from: 'gone@customer.example',
      to: channel.address,
      subject: 'Cancel my order',
      text: 'Please cancel order 77.',
    });
    await drainInbound(server);
    const [conversation] = await conversations(channel.cookie);
    sink.script.push(451);
    const replyId = await reply(channel.cookie, conversation!.id, 'Done, order 77 is cancelled.');
    await drainOutbox(server);
    let outbound = (await thread(channel.cookie, conversation!.id)).messages.find((m) => m.id === replyId)!;
    expect(outbound.deliveryStatus).toBe('queued');
    clock.advance(5_000);
    await drainOutbox(server);
    outbound = (await thread(channel.cookie, conversation!.id)).messages.find((m) => m.id === replyId)!;
    expect(outbound.deliveryStatus).toBe('sent');

    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${channel.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-77@mx.customer.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; gone@customer.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <gone@customer.example>: Recipient address rejected',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${channel.address}`,
      'To: gone@customer.example',
      `Message-ID: ${outbound.externalId}`,
      '',
      '--b1--',
      '',
    ].join('\r\n');
    await sendCustomerMail(ingress.port, { from: '', to: channel.address, subject: '', raw: dsn });
    await drainInbound(server);
    const messages = (await thread(channel.cookie, conversation!.id)).messages;
    expect(messages).toHaveLength(2); // the bounce is a status, not a message from the customer
    const bounced = messages.find((m) => m.id === replyId)!;
    expect(bounced.deliveryStatus).toBe('failed');
    expect(bounced.deliveryError).toContain('Recipient address rejected');
  });

  it('ignores out-of-office answers', async () => {
    const channel = await emailChannel();
    await sendCustomerMail(ingress.port, {
      from: 'away@customer.example',
      to: channel.address,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await drainInbound(server);
    expect(await conversations(channel.cookie)).toHaveLength(0);
  });
});
