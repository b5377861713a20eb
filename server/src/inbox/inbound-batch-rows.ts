import { randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { ContactIdentitiesTable, ConversationsTable, DB } from '../db/index.ts';
import type { IdentityInput } from './contacts.ts';
import type { InboundMessage } from './messages.ts';

// Shapes and row helpers of InboundBatch: what it keeps in memory about identities and open
// conversations, and how a pending (not yet written) conversation row takes later messages.

export interface KnownIdentity {
  /** The row still waiting for flush(), when the identity is new in this batch. */
  pendingRow?: Insertable<ContactIdentitiesTable>;
  id: string;
  contactId: string;
  handle: string | null;
  displayName: string | null;
  followerCount: number | null;
  isVerified: boolean;
}

export interface OpenConversation {
  id: string;
  /** The contact who started it: rule 2 of threading only follows a contact's own conversations. */
  contactId: string;
  status: string;
  resolvedAt: Date | null;
  inboundCount: number;
  waitingSince: Date | null;
  isCase: boolean;
  isPriorityManual: boolean;
}

/** What the pipeline knows of the conversation a message is joining, for triage. */
export interface ThreadContext {
  isNewConversation: boolean;
  priorInboundCount: number;
  waitingSince: Date | null;
}

/** Triage outcome the pipeline attaches to a message and its conversation. */
export interface Annotation {
  triage: Record<string, unknown>;
  priority: { level: 'urgent' | 'high' | 'normal' | 'low'; score: number };
  sentiment: string;
  intent: string;
  language: string;
  /** False for chatter the account does not want as cases (reposts, link-only, spam). */
  isCase: boolean;
}

export const rankOf = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export function conversationColumns() {
  return [
    'conversations.id',
    'conversations.contact_id',
    'conversations.status',
    'conversations.resolved_at',
    'conversations.waiting_since',
    'conversations.is_case',
    'conversations.priority_is_manual',
    sql<number>`(SELECT count(*) FROM messages m WHERE m.conversation_id = conversations.id AND m.direction = 'in')`.as(
      'inbound_count',
    ),
  ] as const;
}

export function toOpen(row: {
  id: string;
  contact_id: string;
  status: string;
  resolved_at: Date | null;
  waiting_since: Date | null;
  is_case: boolean;
  priority_is_manual: boolean;
  inbound_count: number;
}): OpenConversation {
  return {
    id: row.id,
    contactId: row.contact_id,
    status: row.status,
    resolvedAt: row.resolved_at,
    inboundCount: Number(row.inbound_count),
    waitingSince: row.waiting_since,
    isCase: row.is_case,
    isPriorityManual: row.priority_is_manual,
  };
}

/** A later message of the batch joins a conversation not yet written: update the pending row. */
export function applyToPendingConversation(
  row: Insertable<ConversationsTable>,
  message: InboundMessage,
  snippet: string,
  change: {
    becomesCase: boolean;
    isFirstInbound: boolean;
    columns: Partial<Insertable<ConversationsTable>>;
    sentiment: string | undefined;
  },
): void {
  const latest = (a: unknown, b: Date) => (a instanceof Date && a.getTime() > b.getTime() ? a : b);
  row.message_count = (row.message_count ?? 1) + 1;
  row.last_message_at = latest(row.last_message_at, message.sentAt);
  if (message.isEcho) return;
  row.snippet = snippet;
  row.last_customer_message_at = latest(row.last_customer_message_at ?? null, message.sentAt);
  row.waiting_since ??= message.sentAt;
  if (row.status === 'resolved' && (change.becomesCase || row.is_case !== false)) {
    row.status = 'open';
    row.resolved_at = null;
  }
  if (change.becomesCase) {
    row.is_case = true;
    row.status = 'new';
    row.resolved_at = null;
  }
  Object.assign(row, change.columns);
  if (change.isFirstInbound && change.sentiment) row.sentiment_start = change.sentiment;
}

/**
 * Parley's threading rules, in order (docs/architecture.md repeats them):
 * 1. a reply to a known message joins that message's conversation (reopening it if resolved);
 * 2. the same contact on the same channel with an unresolved conversation they started joins it;
 * 3. their latest conversation on that channel resolved within the reopen window is reopened;
 * 4. otherwise a new conversation starts. A closed conversation is final.
 */
export function chooseConversation(input: {
  parent: OpenConversation | undefined;
  latestOwn: OpenConversation | null | undefined;
  now: Date;
  reopenWindowDays: number;
}): { kind: 'new' | 'existing' | 'reopen'; conversation?: OpenConversation } {
  const { parent, latestOwn: latest } = input;
  if (parent && parent.status !== 'closed') {
    return { kind: parent.status === 'resolved' ? 'reopen' : 'existing', conversation: parent };
  }
  if (!latest) return { kind: 'new' };
  if (latest.status !== 'resolved') return { kind: 'existing', conversation: latest };
  const windowMs = input.reopenWindowDays * 86_400_000;
  if (latest.resolvedAt && input.now.getTime() - latest.resolvedAt.getTime() <= windowMs) {
    return { kind: 'reopen', conversation: latest };
  }
  return { kind: 'new' };
}

/** Unmerged contacts of an account with any of these (lower-cased) emails or phones, newest first. */
export async function contactsByEmailOrPhone(
  trx: Kysely<DB>,
  accountId: string,
  emails: string[],
  phones: string[],
): Promise<{ id: string; email: string | null; phone: string | null }[]> {
  if (emails.length === 0 && phones.length === 0) return [];
  return trx
    .selectFrom('contacts')
    .select(['id', 'phone', sql<string | null>`lower(email)`.as('email')])
    .where('account_id', '=', accountId)
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        ...(emails.length > 0 ? [eb(eb.fn('lower', ['email']), 'in', emails)] : []),
        ...(phones.length > 0 ? [eb('phone', 'in', phones)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Each contact's latest conversation on the channel that is not closed, one index probe per contact
 * (`conversations_open_by_contact`) whatever the table's statistics say: with a plain
 * `contact_id IN (…)` and stale statistics (a young database growing fast) the planner scanned
 * every conversation of the channel instead.
 */
export async function latestOpenConversations(
  trx: Kysely<DB>,
  input: { accountId: string; channelId: string },
  contactIds: string[],
) {
  const result = await sql<Parameters<typeof toOpen>[0]>`
    SELECT c.id, c.contact_id, c.status, c.resolved_at, c.waiting_since, c.is_case, c.priority_is_manual,
      (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in')::int
        AS inbound_count
    FROM unnest(${contactIds}::uuid[]) AS k(contact_id)
    CROSS JOIN LATERAL (
      SELECT * FROM conversations cv
      WHERE cv.account_id = ${input.accountId} AND cv.contact_id = k.contact_id
        AND cv.channel_id = ${input.channelId} AND cv.status <> 'closed'
      ORDER BY cv.created_at DESC
      LIMIT 1
    ) AS c`.execute(trx);
  return result.rows;
}

/** What a known author's profile changed since we stored it (column names as in contact_identities). */
export function profileChanges(
  identity: { handle?: string; displayName?: string; followerCount?: number; isVerified?: boolean },
  known: Pick<KnownIdentity, 'handle' | 'displayName' | 'followerCount' | 'isVerified'>,
) {
  return {
    ...(identity.handle !== undefined && identity.handle !== known.handle ? { handle: identity.handle } : {}),
    ...(identity.displayName !== undefined && identity.displayName !== known.displayName
      ? { display_name: identity.displayName }
      : {}),
    ...(identity.followerCount !== undefined && identity.followerCount !== known.followerCount
      ? { follower_count: identity.followerCount }
      : {}),
    ...(identity.isVerified !== undefined && identity.isVerified !== known.isVerified
      ? { is_verified: identity.isVerified }
      : {}),
  };
}

/** The contact_identities row of an author seen for the first time, with its id made here. */
export function newIdentityRow(
  input: { accountId: string; now: Date },
  contactId: string,
  identity: IdentityInput,
): Omit<Selectable<ContactIdentitiesTable>, 'created_at'> {
  return {
    id: randomUUID(),
    account_id: input.accountId,
    contact_id: contactId,
    provider: identity.provider,
    external_user_id: identity.externalUserId,
    handle: identity.handle ?? null,
    display_name: identity.displayName ?? null,
    follower_count: identity.followerCount ?? null,
    is_verified: identity.isVerified ?? false,
    updated_at: input.now,
  };
}

/**
 * `created_at` of the `index`th message stored by one batch: the transaction's time (as the column's
 * default) plus `index` microseconds. The timeline orders by sent time, then by this, so messages a
 * platform stamped with the same second keep the order they arrived in even when one transaction
 * stores them all.
 */
export function storedAt(index: number) {
  return sql<Date>`now() + ${index}::int * interval '1 microsecond'`;
}
