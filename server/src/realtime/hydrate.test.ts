import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/index.ts';
import { hydratePayloads, type StoredEventRow } from './hydrate.ts';

const db = {} as Kysely<DB>;
const at = new Date('2026-03-02T09:00:00Z');
const row = (id: number, accountId: string, type: string, payload: unknown): StoredEventRow => ({
  id,
  account_id: accountId,
  type,
  payload_json: JSON.stringify(payload),
  created_at: at,
});

describe('hydratePayloads', () => {
  it('sends a referenced conversation as it is now, loading each one once per round and account', async () => {
    const calls: [string, string[]][] = [];
    const payloads = await hydratePayloads(
      db,
      [
        row(1, 'acc-a', 'message.created', { message: { id: 'm1' } }),
        row(2, 'acc-a', 'conversation.updated', { conversationId: 'c1' }),
        row(3, 'acc-b', 'conversation.updated', { conversationId: 'c9' }),
        row(4, 'acc-a', 'conversation.updated', { conversationId: 'c1' }),
      ],
      async (_db, accountId, ids) => {
        calls.push([accountId, ids]);
        return ids.map((id) => ({ id, snippet: `now ${id}` }));
      },
    );
    expect(calls).toEqual([
      ['acc-a', ['c1']],
      ['acc-b', ['c9']],
    ]);
    expect(payloads.map((p) => (p === null ? null : JSON.parse(p)))).toEqual([
      { message: { id: 'm1' } },
      { conversation: { id: 'c1', snippet: 'now c1' } },
      { conversation: { id: 'c9', snippet: 'now c9' } },
      { conversation: { id: 'c1', snippet: 'now c1' } },
    ]);
  });

  it('drops a reference to a conversation that is gone and passes whole (older) payloads through', async () => {
    const whole = { conversation: { id: 'c2', snippet: 'stored whole' } };
    const payloads = await hydratePayloads(
      db,
      [
        row(1, 'acc-a', 'conversation.updated', { conversationId: 'gone' }),
        row(2, 'acc-a', 'conversation.updated', whole),
      ],
      async () => [],
    );
    expect(payloads[0]).toBeNull();
    expect(JSON.parse(payloads[1]!)).toEqual(whole);
  });

  it('loads nothing when no row refers to a conversation', async () => {
    let isCalled = false;
    await hydratePayloads(db, [row(1, 'acc-a', 'sla.at_risk', { conversationId: 'c1' })], async () => {
      isCalled = true;
      return [];
    });
    expect(isCalled).toBe(false);
  });
});
