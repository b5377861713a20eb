import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

/** The conversations of one account as the desk shows them (the inbox module's DTOs). */
export type ConversationLoader = (
  db: Kysely<DB>,
  accountId: string,
  ids: string[],
) => Promise<{ id: string }[]>;

export interface StoredEventRow {
  id: number | string;
  account_id: string;
  type: string;
  payload_json: string;
  created_at: Date;
}

/**
 * `conversation.updated` is stored as a reference, `{"conversationId"}`, and sent as
 * `{"conversation"}`: the conversation as it is when the event is delivered. A writer then only
 * names what changed, and a conversation touched by several writers in quick succession is loaded
 * once per delivery round, not once per writer. A client only ever wants the latest state, and a
 * replay after a reconnect gets it. Events stored whole (before references) pass through as they
 * are; a reference to a conversation that no longer exists is dropped.
 *
 * Returns each row's payload text, or null for a row to skip.
 */
export async function hydratePayloads(
  db: Kysely<DB>,
  rows: StoredEventRow[],
  loadConversations: ConversationLoader,
): Promise<(string | null)[]> {
  const wanted = new Map<string, Set<string>>();
  const refs = rows.map((row) => {
    if (row.type !== 'conversation.updated') return null;
    const payload = JSON.parse(row.payload_json) as { conversationId?: string };
    if (typeof payload.conversationId !== 'string') return null;
    const ids = wanted.get(row.account_id) ?? new Set();
    ids.add(payload.conversationId);
    wanted.set(row.account_id, ids);
    return payload.conversationId;
  });
  const texts = new Map<string, string>();
  for (const [accountId, ids] of wanted) {
    for (const conversation of await loadConversations(db, accountId, [...ids]))
      texts.set(conversation.id, `{"conversation":${JSON.stringify(conversation)}}`);
  }
  return rows.map((row, i) => {
    const ref = refs[i];
    return ref === null || ref === undefined ? row.payload_json : (texts.get(ref) ?? null);
  });
}
