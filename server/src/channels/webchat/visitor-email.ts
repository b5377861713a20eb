import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';

// The address a visitor leaves in the chat: kept on the visitor (where the outbox looks when they
// have gone) and on their contact as an email identity, so their answer by email is recognised as
// the same customer. An address typed by an anonymous visitor is not proof of who they are: it is
// added to their own contact, never used to join them to another contact that already has it.

/** The same key as the inbound worker's per-customer lock (`pipeline/inbound-worker.ts`). */
function customerLockKey(channelId: string, externalUserId: string): string {
  return createHash('sha256')
    .update(`${channelId}\u0000${externalUserId}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

export async function attachVisitorEmail(
  db: Kysely<DB>,
  input: {
    accountId: string;
    channelId: string;
    visitorId: string;
    email: string;
    name?: string | undefined;
    now: Date;
  },
): Promise<{ contactId: string; isIdentityAdded: boolean }> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webchat_visitors')
      .set({ email: input.email })
      .where('channel_id', '=', input.channelId)
      .where('visitor_id', '=', input.visitorId)
      .execute();
    // The inbound worker's lock for this customer on this channel: it may be creating their contact
    // from their first message right now (PGlite has one connection, so nothing runs alongside).
    await sql`SELECT pg_advisory_xact_lock(${customerLockKey(input.channelId, input.visitorId)}::bigint)`.execute(
      trx,
    );
    const chat = await trx
      .selectFrom('contact_identities as ci')
      .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
      .select([sql<string>`coalesce(c.merged_into_id, c.id)`.as('contact_id')])
      .where('ci.account_id', '=', input.accountId)
      .where('ci.provider', '=', 'webchat')
      .where('ci.external_user_id', '=', input.visitorId)
      .executeTakeFirst();
    let contactId = chat?.contact_id;
    if (!contactId) {
      // Left before writing anything: the contact exists from now on, and their first chat
      // message (stored later by the inbound worker) finds it through the web chat identity.
      const contact = await trx
        .insertInto('contacts')
        .values({ account_id: input.accountId, name: input.name ?? null, email: null, updated_at: input.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      contactId = contact.id;
      await trx
        .insertInto('contact_identities')
        .values({
          account_id: input.accountId,
          contact_id: contactId,
          provider: 'webchat',
          external_user_id: input.visitorId,
          display_name: input.name ?? null,
          updated_at: input.now,
        })
        .onConflict((oc) => oc.columns(['account_id', 'provider', 'external_user_id']).doNothing())
        .execute();
    }
    const added = await trx
      .insertInto('contact_identities')
      .values({
        account_id: input.accountId,
        contact_id: contactId,
        provider: 'email',
        external_user_id: input.email,
        updated_at: input.now,
      })
      .onConflict((oc) => oc.columns(['account_id', 'provider', 'external_user_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (added) {
      await trx
        .updateTable('contacts')
        .set({ email: input.email, updated_at: input.now })
        .where('id', '=', contactId)
        .where('email', 'is', null)
        .execute();
    }
    return { contactId, isIdentityAdded: added !== undefined };
  });
}
