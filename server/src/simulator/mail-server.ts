import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

// The customers' side of email: a mail server that receives what Parley sends them (and can refuse
// it), and a client that sends customer mail to Parley's SMTP listener.

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
  text: string;
  from: string;
  headers: Map<string, unknown>;
  /** MIME attachments, decoded. */
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

export interface MailSink {
  port: number;
  received: ReceivedMail[];
  /** SMTP codes to answer the next mails with, in order (e.g. 451, 550); empty: accept. */
  script: number[];
  /** Resolves when `count` mails have been received. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startMailSink(port = 0, host = '127.0.0.1'): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const script: number[] = [];
  const waiters: { count: number; resolve: (mails: ReceivedMail[]) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'any' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = script.shift();
        if (code !== undefined && code >= 400) {
          callback(
            Object.assign(new Error(`${code} refused by the test mail server`), { responseCode: code }),
          );
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            const references = mail.references ?? [];
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              messageId: mail.messageId ?? '',
              inReplyTo: mail.inReplyTo,
              references: Array.isArray(references) ? references : references.split(/\s+/),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              from: mail.from?.value[0]?.address ?? '',
              headers: mail.headers as Map<string, unknown>,
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            });
            for (const waiter of [...waiters]) {
              if (received.length >= waiter.count) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(received.slice());
              }
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    script,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received.slice())
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface CustomerMail {
  from: string;
  fromName?: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /** A raw RFC 5322 message instead of the fields above. */
  raw?: string | Buffer;
}

/** Send a customer's mail to an SMTP server (Parley's listener); resolves with the server's answer. */
export async function sendCustomerMail(port: number, mail: CustomerMail, host = '127.0.0.1') {
  const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({
      envelope: { from: mail.from, to: [mail.to] },
      ...(mail.raw !== undefined
        ? { raw: mail.raw }
        : {
            from: mail.fromName ? { name: mail.fromName, address: mail.from } : mail.from,
            to: mail.to,
            subject: mail.subject,
            ...(mail.text !== undefined ? { text: mail.text } : {}),
            ...(mail.html !== undefined ? { html: mail.html } : {}),
            ...(mail.messageId ? { messageId: mail.messageId } : {}),
            ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
            ...(mail.references ? { references: mail.references } : {}),
            ...(mail.headers ? { headers: mail.headers } : {}),
            ...(mail.attachments ? { attachments: mail.attachments } : {}),
          }),
    });
  } finally {
    transport.close();
  }
}
