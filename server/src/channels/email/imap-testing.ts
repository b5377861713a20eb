import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Engine } from '../../db/index.ts';
import {
  drainInbound,
  manualClock,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { DeliveryWriter } from '../pipeline/group-insert.ts';
import { DOVECOT_BINARY, type Dovecot, startDovecot } from './dovecot-server.ts';
import { ImapPoller } from './imap-poller.ts';

// Test support for the IMAP suites: a Parley test server, a real dovecot with one mailbox per test,
// the customer's side of a mailbox (append, read flags) and the poller under test.

/** Skipped where dovecot is not installed, unless PARLEY_E2E_REQUIRED=1 (CI installs it). */
export const IMAP_SUITE_ENABLED = Boolean(DOVECOT_BINARY) || process.env.PARLEY_E2E_REQUIRED === '1';
export const PASSWORD = 'mailbox-password-1';

export function customerMail(input: {
  id: string;
  subject: string;
  text: string;
  to: string;
  inReplyTo?: string;
}): string {
  return [
    'From: Ann Customer <ann@customer.example>',
    `To: ${input.to}`,
    `Subject: ${input.subject}`,
    `Message-ID: ${input.id}`,
    ...(input.inReplyTo ? [`In-Reply-To: ${input.inReplyTo}`, `References: ${input.inReplyTo}`] : []),
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    input.text,
    '',
  ].join('\r\n');
}

export interface ImapWorld {
  server: TestServer;
  dovecot: Dovecot;
  clock: ReturnType<typeof manualClock>;
  newPoller(owner: string): ImapPoller;
  imapChannel(
    user: string,
    settings?: Record<string, unknown>,
    password?: string,
  ): Promise<{ cookie: string; id: string }>;
  withMailbox<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  flagsIn(user: string, mailbox?: string): Promise<string[][]>;
  /** One tick of `on` (the first poller by default); only this channel's report. */
  pollChannel(channelId: string, on?: ImapPoller): Promise<Awaited<ReturnType<ImapPoller['pollDue']>>>;
  stored(channelId: string): Promise<number>;
  /** Every conversation's messages, after the inbound worker ran. */
  messagesOf(cookie: string): Promise<{ externalId: string; text: string }[][]>;
  channelDto(
    cookie: string,
    id: string,
  ): Promise<{
    secretsSet: string[];
    imap?: { status: string; lastError: string | null; consecutiveFailures: number; nextPollAt: string };
  }>;
}

/** Registers the suite's hooks; mailboxes `<name>@outfitters.example` exist for every name given. */
export function useImapWorld(engine: Engine, names: string[]): ImapWorld {
  const clock = manualClock(new Date());
  let poller: ImapPoller;
  const world = { clock } as ImapWorld;

  beforeAll(async () => {
    world.dovecot = await startDovecot(
      names.map((name) => ({ user: `${name}@outfitters.example`, password: PASSWORD })),
    );
    world.server = await startTestServer(engine, { clock });
    poller = world.newPoller('worker-a');
  });
  afterAll(async () => {
    await world.server?.close();
    await world.dovecot?.close();
  });

  world.newPoller = (owner) => {
    const { ctx } = world.server.runtime;
    return new ImapPoller({
      db: ctx.db,
      channels: ctx.channels,
      writer: new DeliveryWriter(ctx.db),
      metrics: ctx.metrics,
      clock,
      onStored: () => undefined,
      owner,
      // Every test's mailboxes are due together under the shared clock: poll them all per call.
      batch: 50,
    });
  };

  world.imapChannel = async (user, settings = {}, password = PASSWORD) => {
    const { cookie } = await seedAccount(world.server);
    const res = await world.server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'email',
        name: 'Support mailbox',
        settings: {
          address: user,
          imapHost: '127.0.0.1',
          imapPort: world.dovecot.port,
          imapSecure: false,
          imapUser: user,
          imapPollSeconds: 30,
          ...settings,
        },
        secrets: { imapPassword: password },
      },
    });
    expect(res.statusCode).toBe(201);
    return { cookie, id: (res.json() as { id: string }).id };
  };

  world.withMailbox = async (user, fn) => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: world.dovecot.port,
      secure: false,
      auth: { user, pass: PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  };

  world.flagsIn = (user, mailbox = 'INBOX') =>
    world.withMailbox(user, async (client) => {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const list =
          client.mailbox && client.mailbox.exists > 0 ? await client.fetchAll('1:*', { flags: true }) : [];
        return list.map((m) => [...(m.flags ?? [])].filter((f) => f !== '\\Recent'));
      } finally {
        lock.release();
      }
    });

  world.pollChannel = async (channelId, on = poller) =>
    (await on.pollDue()).filter((r) => r.channelId === channelId);

  world.stored = async (channelId) =>
    (
      await world.server.runtime.ctx.db.kysely
        .selectFrom('inbound_events')
        .select('id')
        .where('channel_id', '=', channelId)
        .execute()
    ).length;

  world.messagesOf = async (cookie) => {
    await drainInbound(world.server);
    const list = await world.server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const conversations = (list.json() as { items: { id: string }[] }).items;
    return Promise.all(
      conversations.map(async (c) => {
        const res = await world.server.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${c.id}`,
          headers: { cookie },
        });
        return (res.json() as { messages: { externalId: string; text: string }[] }).messages;
      }),
    );
  };

  world.channelDto = async (cookie, id) => {
    const res = await world.server.app.inject({
      method: 'GET',
      url: `/api/v1/channels/${id}`,
      headers: { cookie },
    });
    return res.json() as Awaited<ReturnType<ImapWorld['channelDto']>>;
  };

  return world;
}
