import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import type { Metrics } from '../../metrics/index.ts';
import type { DeliveryWriter } from '../pipeline/group-insert.ts';
import { MailRefused, parseMime } from './mime.ts';
import { type MailTarget, storeMailDelivery } from './store-mail.ts';

// Parley's own mail exchanger for email channels. A mail is parsed and stored as an inbound
// delivery before the server answers 250, so an accepted mail is never lost; a failure to store
// answers 451 and the sending server tries again later.

export interface SmtpIngressOptions {
  db: Database;
  metrics: Metrics;
  writer: DeliveryWriter;
  clock: Clock;
  onStored: () => void;
  port: number;
  host?: string;
  /** Largest accepted message in bytes (SMTP SIZE). */
  maxBytes?: number;
  onError?: (error: unknown) => void;
}

export interface SmtpIngress {
  port: number;
  close(): Promise<void>;
}

type ChannelTarget = MailTarget;

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** "Support+billing@Brand.example" → "support@brand.example": plus tags reach the same channel. */
export function mailboxOf(address: string): string {
  const [local = '', domain = ''] = address
    .trim()
    .toLowerCase()
    .split(/@(?=[^@]*$)/);
  return `${local.split('+')[0]}@${domain}`;
}

async function channelsForAddress(db: Database, address: string): Promise<ChannelTarget[]> {
  const rows = await db.kysely
    .selectFrom('channels')
    .select(['id', 'account_id'])
    .where('provider', '=', 'email')
    .where('is_active', '=', true)
    .where(sql<string>`lower(settings->>'address')`, '=', mailboxOf(address))
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}

export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const targets = new WeakMap<SMTPServerSession, Map<string, ChannelTarget>>();

  const server = new SMTPServer({
    name: 'parley',
    banner: 'Parley mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      channelsForAddress(options.db, address.address).then(
        (found) => {
          if (found.length === 0) {
            callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
            return;
          }
          const known = targets.get(session) ?? new Map<string, ChannelTarget>();
          for (const target of found) known.set(target.id, target);
          targets.set(session, known);
          callback();
        },
        (error: unknown) => {
          options.onError?.(error);
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(smtpError(552, `5.3.4 Message larger than ${maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const channels = [...(targets.get(session)?.values() ?? [])];
        targets.delete(session);
        storeMail(options, raw, session, channels).then(
          () => callback(null, 'Stored'),
          (error: unknown) => {
            if (error instanceof MailRefused) {
              callback(smtpError(error.responseCode, error.message));
              return;
            }
            options.onError?.(error);
            callback(smtpError(451, '4.3.0 Could not store the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function storeMail(
  options: SmtpIngressOptions,
  raw: Buffer,
  session: SMTPServerSession,
  channels: ChannelTarget[],
): Promise<void> {
  if (channels.length === 0) throw new MailRefused(554, '5.5.1 No valid recipients');
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const delivery = await parseMime(
    raw,
    { mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address) },
    options.clock(),
  );
  // The key is the mail itself: a sender retrying after a lost 250 stores nothing new.
  const eventKey = createHash('sha256').update(raw).digest('hex');
  if (await storeMailDelivery(options.writer, options.metrics, delivery, channels, eventKey)) {
    options.onStored();
  }
}
