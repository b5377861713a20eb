import { describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { ImapPoller } from './imap-poller.ts';
import { claimDueMailboxes } from './imap-state.ts';
import { IMAP_SUITE_ENABLED, customerMail as mailTo, PASSWORD, useImapWorld } from './imap-testing.ts';

// IMAP polling when things go wrong, against a real dovecot: refused logins and connections are
// reported on the channel and retried with backoff, nothing unstored is marked, one worker per mailbox.

const customerMail = (input: Omit<Parameters<typeof mailTo>[0], 'to'>) =>
  mailTo({ ...input, to: 'someone@outfitters.example' });

describe.skipIf(!IMAP_SUITE_ENABLED).each(testEngines())(
  'email channel polling IMAP, failures, on %s',
  (engine) => {
    const world = useImapWorld(engine, ['errors', 'store', 'lease']);
    const { clock, imapChannel, withMailbox, flagsIn, pollChannel, stored, channelDto, newPoller } = world;

    it('reports a refused login and an unreachable server on the channel, backs off, and recovers', async () => {
      const user = 'errors@outfitters.example';
      const channel = await imapChannel(user, {}, 'wrong-password');
      const [failed] = await pollChannel(channel.id);
      expect(failed?.error).toMatch(/^Authentication failed for errors@outfitters\.example/);
      const dto = await channelDto(channel.cookie, channel.id);
      expect(dto.imap).toMatchObject({ status: 'error', consecutiveFailures: 1 });
      expect(dto.imap?.lastError).toMatch(/Authentication failed/);
      // Backoff: not tried again at the next tick, nor at the poll interval of 30 s.
      expect(await pollChannel(channel.id)).toEqual([]);

      const patch = await world.server.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${channel.id}`,
        headers: { cookie: channel.cookie },
        payload: { settings: { imapPort: 1 } },
      });
      expect(patch.statusCode).toBe(200);
      clock.advance(31_000);
      const [refused] = await pollChannel(channel.id);
      expect(refused?.error).toBe('Connection refused by 127.0.0.1:1');
      expect((await channelDto(channel.cookie, channel.id)).imap?.consecutiveFailures).toBe(2);

      // TLS asked of a plain-text port.
      await world.server.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${channel.id}`,
        headers: { cookie: channel.cookie },
        payload: { settings: { imapPort: world.dovecot.port, imapSecure: true } },
      });
      clock.advance(61_000);
      const [noTls] = await pollChannel(channel.id);
      expect(noTls?.error).toBe(
        `TLS with 127.0.0.1:${world.dovecot.port} failed: the server does not speak TLS on this port (port 143 needs settings.imapSecure: false)`,
      );

      await world.server.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${channel.id}`,
        headers: { cookie: channel.cookie },
        payload: { settings: { imapSecure: false }, secrets: { imapPassword: PASSWORD } },
      });
      clock.advance(121_000);
      const [recovered] = await pollChannel(channel.id);
      expect(recovered?.error).toBeUndefined();
      expect((await channelDto(channel.cookie, channel.id)).imap).toMatchObject({
        status: 'ok',
        lastError: null,
        consecutiveFailures: 0,
      });

      // Turning polling off: no more polls, and no polling status on the channel.
      await world.server.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${channel.id}`,
        headers: { cookie: channel.cookie },
        payload: { settings: { imapHost: '' } },
      });
      clock.advance(31_000);
      expect(await pollChannel(channel.id)).toEqual([]);
      expect((await channelDto(channel.cookie, channel.id)).imap).toBeUndefined();
    });

    it('marks nothing it could not store, and leaves mail it cannot read unread', async () => {
      const user = 'store@outfitters.example';
      const channel = await imapChannel(user);
      await withMailbox(user, async (client) => {
        await client.append(
          'INBOX',
          customerMail({ id: '<s1@customer.example>', subject: 'Hello', text: 'Hi there' }),
        );
        // No From: nothing to answer, so Parley cannot make a message of it.
        await client.append(
          'INBOX',
          'To: store@outfitters.example\r\nSubject: ???\r\nMessage-ID: <s2@x.example>\r\n\r\nx\r\n',
        );
      });
      const { ctx } = world.server.runtime;
      const failing = new ImapPoller({
        db: ctx.db,
        channels: ctx.channels,
        writer: { store: () => Promise.reject(new Error('connection to database lost')) },
        metrics: ctx.metrics,
        clock,
        onStored: () => undefined,
        owner: 'worker-without-database',
        batch: 50,
      });
      const [failed] = await pollChannel(channel.id, failing);
      expect(failed?.error).toBe(
        'Could not store a message (database error); it stays unread and is tried again',
      );
      expect(await flagsIn(user)).toEqual([[], []]);
      expect(await stored(channel.id)).toBe(0);

      clock.advance(31_000);
      const [healthy] = await pollChannel(channel.id);
      expect(healthy?.result).toMatchObject({ stored: 1, refused: 1 });
      expect(await flagsIn(user)).toEqual([['\\Seen'], []]);
      // The unreadable mail is not taken again at every poll.
      clock.advance(31_000);
      const [next] = await pollChannel(channel.id);
      expect(next?.result).toMatchObject({ fetched: 0, refused: 0 });
    });

    it('lets only one worker poll a mailbox at a time', async () => {
      const user = 'lease@outfitters.example';
      const channel = await imapChannel(user);
      await withMailbox(user, (client) =>
        client.append(
          'INBOX',
          customerMail({ id: '<l1@customer.example>', subject: 'Lease', text: 'Hello' }),
        ),
      );
      const other = newPoller('worker-b');
      const [a, b] = await Promise.all([pollChannel(channel.id), pollChannel(channel.id, other)]);
      expect([...(a ?? []), ...(b ?? [])]).toHaveLength(1);
      expect(await stored(channel.id)).toBe(1);

      // A worker holding the lease (here: one that claimed it and then hung) keeps others out until
      // the lease runs out; then the mailbox is polled again.
      clock.advance(31_000);
      const held = await claimDueMailboxes(world.server.runtime.ctx.db.kysely, {
        owner: 'worker-hung',
        now: clock(),
        leaseMs: 60_000,
        limit: 100,
      });
      expect(held.map((h) => h.channelId)).toContain(channel.id);
      expect(await pollChannel(channel.id, other)).toEqual([]);
      clock.advance(60_001);
      const [taken] = await pollChannel(channel.id, other);
      expect(taken?.result).toMatchObject({ stored: 0, fetched: 0 });
    });
  },
);
