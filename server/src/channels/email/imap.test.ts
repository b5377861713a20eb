import { describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { IMAP_SUITE_ENABLED, customerMail as mailTo, PASSWORD, useImapWorld } from './imap-testing.ts';

// IMAP polling against a real IMAP server (Debian's dovecot, started by the suite with its own
// config): new mail stored once and then marked, threading, UIDVALIDITY resync, move mode.

const USER = 'support@outfitters.example';
const customerMail = (input: Omit<Parameters<typeof mailTo>[0], 'to'>) => mailTo({ ...input, to: USER });

describe.skipIf(!IMAP_SUITE_ENABLED).each(testEngines())('email channel polling IMAP on %s', (engine) => {
  const world = useImapWorld(engine, ['support', 'move', 'resync']);
  const { clock, imapChannel, withMailbox, flagsIn, pollChannel, stored, messagesOf, channelDto } = world;

  it('stores new mail once, marks it \\Seen only after storing, and threads it', async () => {
    const channel = await imapChannel(USER);
    const dto = await channelDto(channel.cookie, channel.id);
    expect(dto.secretsSet).toContain('imapPassword');
    expect(JSON.stringify(dto)).not.toContain(PASSWORD);

    await withMailbox(USER, async (client) => {
      // Arrival times (INTERNALDATE) before the poll: they, not the poll time, order the thread.
      const arrived = (minutesAgo: number) => new Date(clock().getTime() - minutesAgo * 60_000);
      await client.append(
        'INBOX',
        customerMail({ id: '<q1@customer.example>', subject: 'Broken zip', text: 'The zip broke.' }),
        [],
        arrived(10),
      );
      await client.append(
        'INBOX',
        customerMail({
          id: '<q2@customer.example>',
          subject: 'Re: Broken zip',
          text: 'Photo attached.',
          inReplyTo: '<q1@customer.example>',
        }),
        [],
        arrived(5),
      );
    });
    expect(await flagsIn(USER)).toEqual([[], []]);
    const [first] = await pollChannel(channel.id);
    expect(first?.result).toMatchObject({ stored: 2, duplicates: 0, isResync: true });
    expect(await stored(channel.id)).toBe(2);
    expect(await flagsIn(USER)).toEqual([['\\Seen'], ['\\Seen']]);
    const threads = await messagesOf(channel.cookie);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.map((m) => m.externalId)).toEqual(['<q1@customer.example>', '<q2@customer.example>']);

    // Not due again before the poll interval; then only the new mail is fetched.
    await withMailbox(USER, (client) =>
      client.append(
        'INBOX',
        customerMail({
          id: '<q3@customer.example>',
          subject: 'Re: Broken zip',
          text: 'Any news?',
          inReplyTo: '<q2@customer.example>',
        }),
      ),
    );
    expect(await pollChannel(channel.id)).toEqual([]);
    clock.advance(31_000);
    const [second] = await pollChannel(channel.id);
    expect(second?.result).toMatchObject({ fetched: 1, stored: 1, isResync: false });
    const afterNew = await channelDto(channel.cookie, channel.id);
    expect(afterNew.imap).toMatchObject({ status: 'ok', lastError: null, consecutiveFailures: 0 });

    // A worker that died after storing but before saving its position fetches again: nothing doubles.
    await world.server.runtime.ctx.db.kysely
      .updateTable('email_imap_state')
      .set({ last_uid: 0 })
      .where('channel_id', '=', channel.id)
      .execute();
    clock.advance(31_000);
    const [again] = await pollChannel(channel.id);
    expect(again?.result).toMatchObject({ fetched: 3, stored: 0, duplicates: 3 });
    expect(await stored(channel.id)).toBe(3);
    const finalThreads = await messagesOf(channel.cookie);
    expect(finalThreads).toHaveLength(1);
    expect(finalThreads[0]).toHaveLength(3);
  });

  it('resyncs without duplicates when the mailbox UIDVALIDITY changes', async () => {
    const user = 'resync@outfitters.example';
    const channel = await imapChannel(user, { imapMailbox: 'Support' });
    const known = customerMail({
      id: '<r1@customer.example>',
      subject: 'Return label',
      text: 'I need a label.',
    });
    await withMailbox(user, async (client) => {
      await client.mailboxCreate('Support');
      await client.append('Support', known);
    });
    const [first] = await pollChannel(channel.id);
    expect(first?.result).toMatchObject({ stored: 1 });
    const before = await world.server.runtime.ctx.db.kysely
      .selectFrom('email_imap_state')
      .select('uid_validity')
      .where('channel_id', '=', channel.id)
      .executeTakeFirstOrThrow();

    // The mailbox is recreated (a server migration does this): new UIDVALIDITY, UIDs start over, and
    // the already stored mail is back unread next to a new one.
    await withMailbox(user, async (client) => {
      await client.mailboxDelete('Support');
      await client.mailboxCreate('Support');
      await client.append('Support', known);
      await client.append(
        'Support',
        customerMail({ id: '<r2@customer.example>', subject: 'Refund', text: 'Where is my refund?' }),
      );
    });
    clock.advance(31_000);
    const [second] = await pollChannel(channel.id);
    expect(second?.result).toMatchObject({ isResync: true, stored: 1, duplicates: 1 });
    const after = await world.server.runtime.ctx.db.kysely
      .selectFrom('email_imap_state')
      .select(['uid_validity', 'last_uid'])
      .where('channel_id', '=', channel.id)
      .executeTakeFirstOrThrow();
    expect(after.uid_validity).not.toBe(before.uid_validity);
    expect(Number(after.last_uid)).toBe(2);
    const texts = (await messagesOf(channel.cookie))
      .flat()
      .map((m) => m.externalId)
      .sort();
    expect(texts).toEqual(['<r1@customer.example>', '<r2@customer.example>']);
  });

  it('moves stored mail to another folder when set to', async () => {
    const user = 'move@outfitters.example';
    const channel = await imapChannel(user, { imapAfterFetch: 'move', imapMoveTo: 'Handled' });
    await withMailbox(user, (client) =>
      client.append(
        'INBOX',
        customerMail({ id: '<m1@customer.example>', subject: 'Sizes', text: 'Do you have XL?' }),
      ),
    );
    const [report] = await pollChannel(channel.id);
    expect(report?.result).toMatchObject({ stored: 1 });
    expect(await flagsIn(user)).toEqual([]);
    expect(await flagsIn(user, 'Handled')).toHaveLength(1);
  });
});
