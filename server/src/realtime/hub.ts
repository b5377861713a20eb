import { sql } from 'kysely';
import type { Database } from '../db/index.ts';
import { DeliveredEvent } from './delivered-event.ts';
import { type ConversationLoader, hydratePayloads, type StoredEventRow } from './hydrate.ts';

export { DeliveredEvent };

// The payload as text: the hub passes it through to clients without parsing and re-serialising.
const payloadText = sql<string>`payload::text`.as('payload_json');

type Subscriber = (event: DeliveredEvent) => void;

/**
 * Fans stored realtime events out to this process's WebSocket clients. Every process tails the
 * `realtime_events` table from its own cursor; a poke (local, or PostgreSQL NOTIFY from another
 * process) says there is something new.
 */
export class RealtimeHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #cursor = 0;
  #isFetching = false;
  #isPokedAgain = false;
  #stopListening: (() => Promise<void>) | null = null;
  #idleWaiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | null = null;
  readonly #pokeListeners = new Set<() => void>();

  /** `loadConversations` turns stored `conversation.updated` references into conversations (hydrate.ts). */
  constructor(
    private readonly db: Database,
    private readonly loadConversations: ConversationLoader,
  ) {}

  get channel(): string {
    return `parley_realtime${this.db.namespace}`;
  }

  async start(): Promise<void> {
    const last = await this.db.kysely
      .selectFrom('realtime_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    this.#cursor = Number(last?.id ?? 0);
    this.#stopListening = await this.db.listen(this.channel, () => this.poke());
    // A safety net for a notice lost while the listening connection was being replaced.
    this.#timer = setInterval(() => this.poke(), 2000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#stopListening?.();
    this.#stopListening = null;
  }

  /** Tell other processes (and this one) that events were committed. */
  async announce(): Promise<void> {
    this.poke();
    if (this.db.engine === 'postgres') await this.db.notify(this.channel, '');
  }

  subscribe(accountId: string, fn: Subscriber): () => void {
    let set = this.#subscribers.get(accountId);
    if (!set) {
      set = new Set();
      this.#subscribers.set(accountId, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subscribers.delete(accountId);
    };
  }

  /**
   * Events of one account after `afterId`, for a client resuming from its last event id: one page
   * of at most `limit` stored rows. `readUpTo` is where the next page starts; a page can hold fewer
   * events than rows (a reference to a conversation that is gone is dropped), so only `isEnd` says
   * that nothing is left.
   */
  async backlog(
    accountId: string,
    afterId: number,
    limit = 5000,
  ): Promise<{ events: DeliveredEvent[]; readUpTo: number; isEnd: boolean }> {
    const rows = await this.db.kysely
      .selectFrom('realtime_events')
      .select(['id', 'account_id', 'type', payloadText, 'created_at'])
      .where('account_id', '=', accountId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    const events = (await this.#delivered(rows)).filter((e) => e !== null);
    const last = rows.at(-1);
    return { events, readUpTo: last ? Number(last.id) : afterId, isEnd: rows.length < limit };
  }

  /** Stored rows as events to send (null: nothing to send for that row). */
  async #delivered(rows: StoredEventRow[]): Promise<(DeliveredEvent | null)[]> {
    const payloads = await hydratePayloads(this.db.kysely, rows, this.loadConversations);
    return rows.map((r, i) => {
      const payload = payloads[i];
      return payload === null || payload === undefined
        ? null
        : new DeliveredEvent(Number(r.id), r.type, payload, r.created_at.toISOString());
    });
  }

  /**
   * Whether a client that saw event `lastEventId` can no longer be caught up by replay, because
   * events after it were pruned (realtime/retention.ts): true when the oldest event left is more
   * than one past it (ids can also skip after a rollback, which at worst costs a reload).
   */
  async isPrunedAfter(lastEventId: number): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom('realtime_events')
      .select((eb) => eb.fn.min('id').as('id'))
      .executeTakeFirst();
    const oldest = row?.id === null || row?.id === undefined ? this.#cursor + 1 : Number(row.id);
    return lastEventId < oldest - 1;
  }

  get cursor(): number {
    return this.#cursor;
  }

  /** Call `fn` on every poke: workers that follow other id-ordered logs wake on the same signal. */
  onPoke(fn: () => void): () => void {
    this.#pokeListeners.add(fn);
    return () => this.#pokeListeners.delete(fn);
  }

  poke(): void {
    for (const fn of this.#pokeListeners) fn();
    if (this.#isFetching) {
      this.#isPokedAgain = true;
      return;
    }
    void this.#drain();
  }

  /** Resolves once every poke so far has been fanned out (tests and shutdown use it). */
  whenIdle(): Promise<void> {
    if (!this.#isFetching) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(): Promise<void> {
    this.#isFetching = true;
    try {
      do {
        this.#isPokedAgain = false;
        for (;;) {
          const rows = await this.db.kysely
            .selectFrom('realtime_events')
            .select(['id', 'account_id', 'type', payloadText, 'created_at'])
            .where('id', '>', this.#cursor)
            .orderBy('id')
            .limit(1000)
            .execute();
          // Only accounts with a client here are hydrated; a failure leaves the cursor where it was.
          const wanted = rows.filter((r) => this.#subscribers.has(r.account_id));
          const events = await this.#delivered(wanted);
          wanted.forEach((row, i) => {
            const event = events[i];
            const subscribers = this.#subscribers.get(row.account_id);
            if (event && subscribers) for (const fn of subscribers) fn(event);
          });
          const last = rows.at(-1);
          if (last) this.#cursor = Number(last.id);
          if (rows.length < 1000) break;
        }
      } while (this.#isPokedAgain);
    } catch {
      // The database is briefly unreachable; the next poke retries from the same cursor.
    } finally {
      this.#isFetching = false;
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }
}
