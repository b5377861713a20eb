import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.ts';

export interface RealtimeEvent {
  accountId: string;
  type: string;
  payload: Record<string, unknown>;
}

// Event ids must become visible in id order, or a client resuming from "last id" could skip one
// committed late. Holding this lock from insert to commit makes id order equal commit order.
const REALTIME_ORDER_LOCK = 7_330_202;

/**
 * Held from insert to commit by every writer of an id-ordered log (realtime events, conversation
 * activity), so readers that resume from "last id seen" never skip a late commit. One lock for
 * both logs: a transaction that writes both waits once.
 */
export async function takeEventOrderLock(trx: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${REALTIME_ORDER_LOCK})`.execute(trx);
}

/**
 * A conversation changed. Stored as a reference: the hub sends the conversation as it is when the
 * event is delivered (hydrate.ts), so writers never build the conversation themselves.
 */
export function conversationUpdated(accountId: string, conversationId: string): RealtimeEvent {
  return { accountId, type: 'conversation.updated', payload: { conversationId } };
}

/** Append events inside the caller's transaction; call `hub.poke()` after the commit. */
export async function appendRealtimeEvents(trx: Kysely<DB>, events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  await takeEventOrderLock(trx);
  await trx
    .insertInto('realtime_events')
    .values(
      events.map((e) => ({ account_id: e.accountId, type: e.type, payload: JSON.stringify(e.payload) })),
    )
    .execute();
}

/** Append `conversation.updated` (plus any other events of the account) inside the change's transaction. */
export async function publishConversation(
  trx: Kysely<DB>,
  accountId: string,
  conversationId: string,
  extra: Omit<RealtimeEvent, 'accountId'>[] = [],
): Promise<void> {
  await appendRealtimeEvents(trx, [
    ...extra.map((e) => ({ ...e, accountId })),
    conversationUpdated(accountId, conversationId),
  ]);
}
