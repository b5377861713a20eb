import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newIdentityRow, profileChanges } from './inbound-batch-rows.ts';

export interface IdentityInput {
  provider: string;
  externalUserId: string;
  handle?: string;
  displayName?: string;
  followerCount?: number;
  isVerified?: boolean;
  email?: string;
  phone?: string;
}

/**
 * Find the contact behind a platform identity, creating both on first sight. A new identity with an
 * email or phone already known in the account joins that contact, so one customer has one history.
 */
export async function resolveContact(db: Kysely<DB>, accountId: string, identity: IdentityInput, now: Date) {
  const existing = await db
    .selectFrom('contact_identities')
    .innerJoin('contacts', 'contacts.id', 'contact_identities.contact_id')
    .select([
      'contact_identities.id',
      'contact_identities.contact_id',
      'contact_identities.handle',
      'contact_identities.display_name',
      'contact_identities.follower_count',
      'contact_identities.is_verified',
      'contacts.merged_into_id',
    ])
    .where('contact_identities.account_id', '=', accountId)
    .where('contact_identities.provider', '=', identity.provider)
    .where('contact_identities.external_user_id', '=', identity.externalUserId)
    .executeTakeFirst();
  if (existing) {
    const changes = profileChanges(identity, {
      handle: existing.handle,
      displayName: existing.display_name,
      followerCount: existing.follower_count,
      isVerified: existing.is_verified,
    });
    if (Object.keys(changes).length > 0) {
      await db
        .updateTable('contact_identities')
        .set({ ...changes, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
    }
    return { contactId: existing.merged_into_id ?? existing.contact_id, isNew: false };
  }

  let contactId = await findContactByEmailOrPhone(db, accountId, identity.email, identity.phone);
  const isNew = !contactId;
  if (!contactId) {
    const created = await db
      .insertInto('contacts')
      .values({
        account_id: accountId,
        name: identity.displayName ?? identity.handle ?? null,
        email: identity.email ?? null,
        phone: identity.phone ?? null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    contactId = created.id;
  }
  await db
    .insertInto('contact_identities')
    .values(newIdentityRow({ accountId, now }, contactId, identity))
    .execute();
  return { contactId, isNew };
}

async function findContactByEmailOrPhone(
  db: Kysely<DB>,
  accountId: string,
  email: string | undefined,
  phone: string | undefined,
): Promise<string | undefined> {
  if (!email && !phone) return undefined;
  const row = await db
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        ...(email ? [eb(eb.fn('lower', ['email']), '=', email.toLowerCase())] : []),
        ...(phone ? [eb('phone', '=', phone)] : []),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

export async function getContact(db: Kysely<DB>, accountId: string, contactId: string) {
  const contact = await db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!contact) throw new AppError('contact_not_found');
  const identities = await db
    .selectFrom('contact_identities')
    .select(['id', 'provider', 'external_user_id', 'handle', 'display_name', 'follower_count', 'is_verified'])
    .where('contact_id', '=', contactId)
    .orderBy('created_at')
    .execute();
  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'channel_id', 'is_public', 'snippet', 'created_at', 'resolved_at'])
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    isVip: contact.is_vip,
    mergedIntoId: contact.merged_into_id,
    createdAt: contact.created_at.toISOString(),
    identities: identities.map((i) => ({
      id: i.id,
      provider: i.provider,
      externalUserId: i.external_user_id,
      handle: i.handle,
      displayName: i.display_name,
      followerCount: i.follower_count,
      isVerified: i.is_verified,
    })),
    conversations: conversations.map((c) => ({
      id: c.id,
      status: c.status,
      channelId: c.channel_id,
      isPublic: c.is_public,
      snippet: c.snippet,
      createdAt: c.created_at.toISOString(),
      resolvedAt: c.resolved_at?.toISOString() ?? null,
    })),
  };
}

export async function searchContacts(db: Kysely<DB>, accountId: string, query: string, limit = 25) {
  const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'phone', 'is_vip', 'created_at'])
    .where('account_id', '=', accountId)
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb('email', 'ilike', pattern),
        eb('phone', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('contact_identities as ci')
            .select(sql`1`.as('one'))
            .whereRef('ci.contact_id', '=', 'contacts.id')
            .where((inner) =>
              inner.or([inner('ci.handle', 'ilike', pattern), inner('ci.display_name', 'ilike', pattern)]),
            ),
        ),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    isVip: r.is_vip,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Fold `mergeId` into `keepId`: identities, conversations, authorship and notes move; the merged row points on. */
export async function mergeContacts(
  db: Kysely<DB>,
  accountId: string,
  keepId: string,
  mergeId: string,
  now: Date,
) {
  if (keepId === mergeId) throw new AppError('bad_request', 'A contact cannot be merged into itself');
  const both = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'phone', 'merged_into_id', 'is_vip'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [keepId, mergeId])
    .execute();
  const keep = both.find((c) => c.id === keepId);
  const merge = both.find((c) => c.id === mergeId);
  if (!keep || !merge || keep.merged_into_id || merge.merged_into_id) throw new AppError('contact_not_found');
  await db
    .updateTable('contact_identities')
    .set({ contact_id: keepId })
    .where('contact_id', '=', mergeId)
    .execute();
  await db
    .updateTable('conversations')
    .set({ contact_id: keepId })
    .where('contact_id', '=', mergeId)
    .execute();
  await db
    .updateTable('messages')
    .set({ author_contact_id: keepId })
    .where('author_contact_id', '=', mergeId)
    .execute();
  await db.updateTable('notes').set({ contact_id: keepId }).where('contact_id', '=', mergeId).execute();
  await db
    .updateTable('contacts')
    .set({
      name: keep.name ?? merge.name,
      email: keep.email ?? merge.email,
      phone: keep.phone ?? merge.phone,
      is_vip: keep.is_vip || merge.is_vip,
      updated_at: now,
    })
    .where('id', '=', keepId)
    .execute();
  await db
    .updateTable('contacts')
    .set({ merged_into_id: keepId, email: null, phone: null, updated_at: now })
    .where('id', '=', mergeId)
    .execute();
}
