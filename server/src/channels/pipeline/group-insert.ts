import { type Database, withDatabasePriority } from '../../db/index.ts';

export interface StoredDelivery {
  accountId: string;
  channelId: string;
  provider: string;
  eventKey: string;
  body: string;
}

interface Waiting {
  row: StoredDelivery;
  resolve: (isNew: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook deliveries: while one multi-row INSERT is in flight, deliveries that
 * arrive wait and go together in the next one. Each request is still answered only after its own
 * row is committed; an idle server writes a lone delivery at once, a busy one pays one commit per
 * group instead of one per request.
 */
export class DeliveryWriter {
  #queue: Waiting[] = [];
  #isWriting = false;

  constructor(
    private readonly db: Database,
    private readonly maxGroup = 500,
  ) {}

  /** Resolves true when stored now, false when this delivery was already stored (a redelivery). */
  store(row: StoredDelivery): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (this.#isWriting) return;
      this.#isWriting = true;
      // Start on the next turn of the event loop, after the requests already read from sockets
      // have queued too: on PGlite a statement runs on this thread, so without this each request
      // would be written alone before the next one is even parsed.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.maxGroup);
      try {
        // Storing is what the sender waits for: ahead of background work on the embedded database.
        const inserted = await withDatabasePriority(() =>
          this.db.kysely
            .insertInto('inbound_events')
            .values(
              group.map(({ row }) => ({
                account_id: row.accountId,
                channel_id: row.channelId,
                provider: row.provider,
                event_key: row.eventKey,
                body: row.body,
              })),
            )
            .onConflict((oc) => oc.columns(['channel_id', 'event_key']).doNothing())
            .returning(['channel_id', 'event_key'])
            .execute(),
        );
        const fresh = new Set(inserted.map((r) => `${r.channel_id} ${r.event_key}`));
        for (const waiting of group) {
          const key = `${waiting.row.channelId} ${waiting.row.eventKey}`;
          // The same delivery twice in one group: the first is new, the others are repeats.
          waiting.resolve(fresh.delete(key));
        }
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.#isWriting = false;
  }
}
