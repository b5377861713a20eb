import { randomUUID } from 'node:crypto';
import { type Insertable, type InsertObject, type Kysely, sql } from 'kysely';
import { type ActivityInput, appendActivity } from '../activity/index.ts';
import type { ContactIdentitiesTable, ContactsTable, ConversationsTable, DB } from '../db/index.ts';
import type { IdentityInput } from './contacts.ts';
import { resolveContact } from './contacts.ts';
import { inboundActivity } from './inbound-activity.ts';
import {
  type Annotation,
  applyToPendingConversation,
  chooseConversation,
  contactsByEmailOrPhone,
  conversationColumns,
  type KnownIdentity,
  latestOpenConversations,
  newIdentityRow,
  type OpenConversation,
  profileChanges,
  rankOf,
  storedAt,
  type ThreadContext,
  toOpen,
} from './inbound-batch-rows.ts';
import {
  addToDelta,
  type ConversationDelta,
  type IdentityChanges,
  writeConversationDeltas,
  writeIdentityChanges,
} from './inbound-batch-updates.ts';
import type { InboundMessage, InboundResult } from './messages.ts';

const SNIPPET_LENGTH = 140;

/**
 * Stores a batch of inbound messages for one channel with a handful of queries per batch instead
 * of per message: duplicates, identities, open conversations and reply parents are read up front
 * and kept current in memory as the batch proceeds.
 */
export class InboundBatch {
  readonly #seen = new Set<string>();
  readonly #contacts = new Map<string, KnownIdentity>();
  readonly #openByContact = new Map<string, OpenConversation | null>();
  readonly #parents = new Map<string, OpenConversation>();
  // Contacts a new author may join by the email or phone they came with (lower-cased email).
  readonly #byEmail = new Map<string, string>();
  readonly #byPhone = new Map<string, string>();
  readonly #matchLookedUp = new Set<string>();
  // Rows written in one multi-row INSERT each at flush(), in foreign-key order: a batch costs a
  // few statements instead of several per message. Ids are made here so nothing waits on RETURNING.
  readonly #newContacts: Insertable<ContactsTable>[] = [];
  readonly #newIdentities: Insertable<ContactIdentitiesTable>[] = [];
  readonly #newConversations = new Map<string, Insertable<ConversationsTable>>();
  readonly #newMessages: InsertObject<DB, 'messages'>[] = [];
  #recorded = 0;
  readonly #newActivity: ActivityInput[] = [];
  readonly #conversationDeltas = new Map<string, ConversationDelta>();
  readonly #identityChanges: IdentityChanges = new Map();

  constructor(
    private readonly trx: Kysely<DB>,
    private readonly input: {
      accountId: string;
      channelId: string;
      provider: string;
      now: Date;
      reopenWindowDays: number;
    },
  ) {}

  async prefetch(
    messages: {
      externalId: string;
      replyToExternalId?: string | undefined;
      authorId: string;
      email?: string | undefined;
      phone?: string | undefined;
    }[],
  ) {
    const { trx, input } = this;
    const ids = [...new Set(messages.map((m) => m.externalId))];
    if (ids.length > 0) {
      const existing = await trx
        .selectFrom('messages')
        .select('external_id')
        .where('channel_id', '=', input.channelId)
        .where('external_id', 'in', ids)
        .execute();
      for (const row of existing) if (row.external_id) this.#seen.add(row.external_id);
    }
    const parentIds = [
      ...new Set(messages.flatMap((m) => (m.replyToExternalId ? [m.replyToExternalId] : []))),
    ];
    if (parentIds.length > 0) {
      const parents = await trx
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .select(['messages.external_id', ...conversationColumns()])
        .where('messages.channel_id', '=', input.channelId)
        .where('messages.external_id', 'in', parentIds)
        .execute();
      for (const p of parents) if (p.external_id) this.#parents.set(p.external_id, toOpen(p));
    }
    const authorIds = [...new Set(messages.map((m) => m.authorId))];
    if (authorIds.length > 0) {
      const identities = await trx
        .selectFrom('contact_identities as ci')
        .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
        .select([
          'ci.id',
          'ci.external_user_id',
          'ci.handle',
          'ci.display_name',
          'ci.follower_count',
          'ci.is_verified',
          sql<string>`coalesce(c.merged_into_id, c.id)`.as('contact_id'),
        ])
        .where('ci.account_id', '=', input.accountId)
        .where('ci.provider', '=', input.provider)
        .where('ci.external_user_id', 'in', authorIds)
        .execute();
      for (const row of identities) {
        this.#contacts.set(row.external_user_id, {
          id: row.id,
          contactId: row.contact_id,
          handle: row.handle,
          displayName: row.display_name,
          followerCount: row.follower_count,
          isVerified: row.is_verified,
        });
      }
      const matched = await this.#prefetchMatches(
        messages.filter((m) => !this.#contacts.has(m.authorId) && (m.email || m.phone)),
      );
      const contactIds = [...new Set([...identities.map((i) => i.contact_id), ...matched])];
      if (contactIds.length > 0) {
        for (const c of await latestOpenConversations(trx, input, contactIds))
          this.#openByContact.set(c.contact_id, toOpen(c));
      }
    }
  }

  /** Contacts with the email or phone of new authors, in one query (the oldest wins, as in resolveContact). */
  async #prefetchMatches(authors: { email?: string | undefined; phone?: string | undefined }[]) {
    const emails = [...new Set(authors.flatMap((a) => (a.email ? [a.email.toLowerCase()] : [])))];
    const phones = [...new Set(authors.flatMap((a) => (a.phone ? [a.phone] : [])))];
    for (const e of emails) this.#matchLookedUp.add(`e:${e}`);
    for (const p of phones) this.#matchLookedUp.add(`p:${p}`);
    const rows = await contactsByEmailOrPhone(this.trx, this.input.accountId, emails, phones);
    for (const row of rows) {
      // Oldest last, so it is the one left in the maps.
      if (row.email) this.#byEmail.set(row.email, row.id);
      if (row.phone) this.#byPhone.set(row.phone, row.id);
    }
    return rows.map((r) => r.id);
  }

  /** Contact for an author: new authors cost two inserts, known ones a query only if their profile changed. */
  async contactFor(identity: IdentityInput): Promise<string> {
    const known = this.#contacts.get(identity.externalUserId);
    const email = identity.email?.toLowerCase();
    const isLookedUp =
      (!email || this.#matchLookedUp.has(`e:${email}`)) &&
      (!identity.phone || this.#matchLookedUp.has(`p:${identity.phone}`));
    if (!known && isLookedUp) {
      // A new author: join the contact their email or phone matches (found by prefetch), or
      // create one; the rows are written at flush().
      const matched =
        (email ? this.#byEmail.get(email) : undefined) ??
        (identity.phone ? this.#byPhone.get(identity.phone) : undefined);
      const contactId = matched ?? randomUUID();
      if (!matched) {
        this.#newContacts.push({
          id: contactId,
          account_id: this.input.accountId,
          name: identity.displayName ?? identity.handle ?? null,
          email: identity.email ?? null,
          phone: identity.phone ?? null,
          updated_at: this.input.now,
        });
        if (email) this.#byEmail.set(email, contactId);
        if (identity.phone) this.#byPhone.set(identity.phone, contactId);
      }
      const identityRow = newIdentityRow(this.input, contactId, identity);
      this.#newIdentities.push(identityRow);
      this.#contacts.set(identity.externalUserId, {
        id: identityRow.id,
        contactId,
        handle: identityRow.handle,
        displayName: identityRow.display_name,
        followerCount: identityRow.follower_count,
        isVerified: identityRow.is_verified,
        pendingRow: identityRow,
      });
      return contactId;
    }
    if (!known) {
      const { contactId } = await resolveContact(this.trx, this.input.accountId, identity, this.input.now);
      this.#contacts.set(identity.externalUserId, {
        id: '',
        contactId,
        handle: identity.handle ?? null,
        displayName: identity.displayName ?? null,
        followerCount: identity.followerCount ?? null,
        isVerified: identity.isVerified ?? false,
      });
      return contactId;
    }
    const changes = profileChanges(identity, known);
    if (Object.keys(changes).length > 0 && known.pendingRow) {
      Object.assign(known.pendingRow, changes);
    } else if (Object.keys(changes).length > 0) {
      const earlier = this.#identityChanges.get(identity.externalUserId);
      this.#identityChanges.set(identity.externalUserId, { ...earlier, ...changes });
    }
    if (Object.keys(changes).length > 0) {
      Object.assign(known, {
        handle: identity.handle ?? known.handle,
        displayName: identity.displayName ?? known.displayName,
        followerCount: identity.followerCount ?? known.followerCount,
        isVerified: identity.isVerified ?? known.isVerified,
      });
    }
    return known.contactId;
  }

  async record(
    contactId: string,
    message: InboundMessage,
    annotate?: (context: ThreadContext) => Annotation | undefined,
  ): Promise<InboundResult> {
    const { input } = this;
    if (this.#seen.has(message.externalId)) return { isStored: false };
    this.#seen.add(message.externalId);
    const decision = chooseConversation({
      parent: message.replyToExternalId ? this.#parents.get(message.replyToExternalId) : undefined,
      latestOwn: this.#openByContact.get(contactId),
      now: input.now,
      reopenWindowDays: input.reopenWindowDays,
    });
    const snippet = message.text.slice(0, SNIPPET_LENGTH);
    let conversation = decision.conversation;
    const previousStatus = conversation?.status ?? null;
    const note = message.isEcho
      ? undefined
      : annotate?.({
          isNewConversation: !conversation,
          priorInboundCount: conversation?.inboundCount ?? 0,
          waitingSince: conversation?.waitingSince ?? null,
        });
    const triageColumns = note
      ? {
          sentiment_end: note.sentiment,
          intent: note.intent,
          language: note.language,
          triage: JSON.stringify(note.triage),
        }
      : {};
    const priorityColumns =
      note && !conversation?.isPriorityManual
        ? {
            priority: note.priority.level,
            priority_rank: rankOf[note.priority.level],
            priority_score: note.priority.score,
          }
        : {};
    if (!conversation) {
      const isCase = note?.isCase ?? true;
      const id = randomUUID();
      this.#newConversations.set(id, {
        id,
        account_id: input.accountId,
        contact_id: contactId,
        channel_id: input.channelId,
        is_public: message.isPublic,
        snippet,
        message_count: 1,
        last_message_at: message.sentAt,
        updated_at: input.now,
        ...(message.isEcho
          ? {}
          : { waiting_since: message.sentAt, last_customer_message_at: message.sentAt }),
        ...triageColumns,
        ...priorityColumns,
        ...(note ? { sentiment_start: note.sentiment } : {}),
        // Chatter the account does not want as cases is kept, but starts out of the queue.
        ...(isCase ? {} : { is_case: false, status: 'resolved' as const, resolved_at: input.now }),
      });
      conversation = {
        id,
        contactId,
        status: isCase ? 'new' : 'resolved',
        resolvedAt: isCase ? null : input.now,
        inboundCount: message.isEcho ? 0 : 1,
        waitingSince: message.isEcho ? null : message.sentAt,
        isCase,
        isPriorityManual: false,
      };
    } else {
      const becomesCase = note?.isCase === true && !conversation.isCase;
      const current = conversation;
      const pending = this.#newConversations.get(current.id);
      if (pending) {
        applyToPendingConversation(pending, message, snippet, {
          becomesCase,
          isFirstInbound: !current.inboundCount,
          columns: { ...triageColumns, ...priorityColumns },
          sentiment: note?.sentiment,
        });
      } else
        addToDelta(this.#conversationDeltas, current.id, message, {
          snippet,
          isReopen: decision.kind === 'reopen' && current.isCase,
          becomesCase,
          isFirstInbound: !current.inboundCount,
          note,
          isPriorityManual: current.isPriorityManual,
        });
      if (!message.isEcho) {
        if (['pending', 'snoozed', 'resolved'].includes(conversation.status)) {
          conversation.status = 'open';
          conversation.resolvedAt = null;
        }
        conversation.inboundCount += 1;
        conversation.waitingSince ??= message.sentAt;
        if (becomesCase) conversation.isCase = true;
      }
    }
    const messageId = randomUUID();
    this.#newMessages.push({
      id: messageId,
      created_at: storedAt(this.#recorded++),
      account_id: input.accountId,
      conversation_id: conversation.id,
      channel_id: input.channelId,
      direction: message.isEcho ? 'out' : 'in',
      is_public: message.isPublic,
      surface: message.surface,
      author_type: message.isEcho ? 'system' : 'contact',
      author_contact_id: message.isEcho ? null : contactId,
      author_user_id: null,
      text: message.text,
      attachments: JSON.stringify(message.attachments),
      external_id: message.externalId,
      reply_to_external_id: message.replyToExternalId ?? null,
      delivery_status: message.isEcho ? 'sent' : 'received',
      delivery_error: null,
      metadata: JSON.stringify(message.metadata ?? {}),
      triage: note ? JSON.stringify(note.triage) : null,
      sent_at: message.sentAt,
    });
    this.#newActivity.push(
      ...inboundActivity(input, message, {
        conversationId: conversation.id,
        messageId,
        previousStatus,
        isReopen: decision.kind === 'reopen' && conversation.isCase,
        isCase: conversation.isCase,
        note,
      }),
    );
    if (conversation.contactId === contactId) this.#openByContact.set(contactId, conversation);
    this.#parents.set(message.externalId, conversation);
    return {
      isStored: true,
      messageId,
      conversationId: conversation.id,
      conversationKind: decision.kind,
    };
  }

  /** Write everything recorded so far; call before reading the batch's rows back. */
  async flush(): Promise<void> {
    const { trx } = this;
    if (this.#newContacts.length > 0)
      await trx.insertInto('contacts').values(this.#newContacts.splice(0)).execute();
    if (this.#newIdentities.length > 0) {
      const rows = this.#newIdentities.splice(0);
      await trx.insertInto('contact_identities').values(rows).execute();
      for (const known of this.#contacts.values())
        if (known.pendingRow && rows.includes(known.pendingRow)) delete known.pendingRow;
    }
    if (this.#newConversations.size > 0) {
      const rows = [...this.#newConversations.values()];
      this.#newConversations.clear();
      await trx.insertInto('conversations').values(rows).execute();
    }
    if (this.#newMessages.length > 0)
      await trx.insertInto('messages').values(this.#newMessages.splice(0)).execute();
    await writeConversationDeltas(trx, this.#conversationDeltas, this.input.now);
    await writeIdentityChanges(trx, this.input, this.#identityChanges);
    await appendActivity(trx, this.#newActivity.splice(0));
  }
}
