import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';

// Web chat visitors in the database: whether they are on the page (open sockets, refreshed by a
// heartbeat) and what their chat window shows (the address they leave: visitor-email.ts).

/** A visitor whose socket has not been heard from for this long has left, whatever the counter says. */
export const VISITOR_ONLINE_MS = 90_000;

export async function visitorConnected(
  db: Kysely<DB>,
  input: {
    accountId: string;
    channelId: string;
    visitorId: string;
    name?: string | undefined;
    isVerified: boolean;
    origin?: string | undefined;
    now: Date;
  },
): Promise<{ email: string | null }> {
  const row = await db
    .insertInto('webchat_visitors')
    .values({
      account_id: input.accountId,
      channel_id: input.channelId,
      visitor_id: input.visitorId,
      name: input.name ?? null,
      is_verified: input.isVerified,
      origin: input.origin ?? null,
      open_sockets: 1,
      last_seen_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['channel_id', 'visitor_id']).doUpdateSet({
        open_sockets: sql`webchat_visitors.open_sockets + 1`,
        last_seen_at: input.now,
        ...(input.name ? { name: input.name } : {}),
        ...(input.origin ? { origin: input.origin } : {}),
      }),
    )
    .returning(['email'])
    .executeTakeFirstOrThrow();
  return { email: row.email };
}

export async function visitorSeen(db: Kysely<DB>, channelId: string, visitorId: string, now: Date) {
  await db
    .updateTable('webchat_visitors')
    .set({ last_seen_at: now })
    .where('channel_id', '=', channelId)
    .where('visitor_id', '=', visitorId)
    .execute();
}

export async function visitorDisconnected(db: Kysely<DB>, channelId: string, visitorId: string, now: Date) {
  await db
    .updateTable('webchat_visitors')
    .set({ open_sockets: sql`greatest(open_sockets - 1, 0)`, last_seen_at: now })
    .where('channel_id', '=', channelId)
    .where('visitor_id', '=', visitorId)
    .execute();
}

/** The visitor's conversations on this channel (through their contact identity). */
export async function visitorConversationIds(
  db: Kysely<DB>,
  channel: { id: string; accountId: string },
  visitorId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations as c')
    .innerJoin('contact_identities as ci', 'ci.contact_id', 'c.contact_id')
    .select('c.id')
    .where('c.account_id', '=', channel.accountId)
    .where('c.channel_id', '=', channel.id)
    .where('ci.account_id', '=', channel.accountId)
    .where('ci.provider', '=', 'webchat')
    .where('ci.external_user_id', '=', visitorId)
    .execute();
  return rows.map((r) => r.id);
}

export interface ChatLine {
  id: string;
  direction: 'in' | 'out';
  text: string;
  sentAt: string;
  clientMessageId?: string;
}

/** Whether a message belongs in the visitor's window: theirs, or our replies once sent. */
export function isVisible(message: {
  direction: string;
  deliveryStatus: string;
  isDeleted?: boolean;
}): boolean {
  if (message.isDeleted) return false;
  return message.direction === 'in' || ['sent', 'delivered', 'read'].includes(message.deliveryStatus);
}

export function toChatLine(message: {
  id: string;
  direction: string;
  text: string;
  sentAt: string;
  externalId: string | null;
}): ChatLine {
  // Only the visitor's own chat lines carry a client id (their answers by email do not).
  const clientMessageId =
    message.direction === 'in' && message.externalId?.startsWith('chat:')
      ? message.externalId.split(':').at(-1)
      : undefined;
  return {
    id: message.id,
    direction: message.direction === 'in' ? 'in' : 'out',
    text: message.text,
    sentAt: message.sentAt,
    ...(clientMessageId ? { clientMessageId } : {}),
  };
}

export async function visitorHistory(
  db: Kysely<DB>,
  accountId: string,
  conversationIds: string[],
  limit = 100,
): Promise<ChatLine[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'direction', 'text', 'sent_at', 'external_id', 'delivery_status', 'is_deleted'])
    .where('account_id', '=', accountId)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('sent_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows
    .reverse()
    .filter((r) =>
      isVisible({ direction: r.direction, deliveryStatus: r.delivery_status, isDeleted: r.is_deleted }),
    )
    .map((r) =>
      toChatLine({
        id: r.id,
        direction: r.direction,
        text: r.text,
        sentAt: r.sent_at.toISOString(),
        externalId: r.external_id,
      }),
    );
}
