import { api } from '../api/client.ts';
import type { Conversation, Page, StreamEvent } from '../api/types.ts';
import { DONE_STATUSES, OPEN_STATUSES } from './queue.ts';

const PAGE_SIZE = 200;
// The first page only has to fill the screen; a small one comes back sooner.
const FIRST_PAGE_SIZE = 50;

let prefetchedFirstPage: Promise<Page<Conversation>> | null = null;

/** Ask for the top of the open queue as the page boots, in parallel with /auth/me. */
export function prefetchFirstPage(): void {
  prefetchedFirstPage = api.conversations({ status: OPEN_STATUSES.join(','), limit: FIRST_PAGE_SIZE });
  prefetchedFirstPage.catch(() => undefined); // signed out: load() asks again after sign-in
}

function takePrefetched(): Promise<Page<Conversation>> | null {
  const page = prefetchedFirstPage;
  prefetchedFirstPage = null;
  return page;
}
// A first version keeps the whole account in memory; past this many conversations the
// resolved history stops loading (open work always loads first).
const MAX_CONVERSATIONS = 50_000;

/**
 * Every conversation of the account, by id. Loaded open-first by cursor pages, then kept current by
 * `conversation.updated` events (which carry the full DTO). `version` changes on every change so
 * React can subscribe with useSyncExternalStore.
 */
export class ConversationStore {
  readonly byId = new Map<string, Conversation>();
  version = 0;
  isOpenLoaded = false;
  isFullyLoaded = false;
  private readonly listeners = new Set<() => void>();
  // Conversations changed by the stream while pages were loading: a page read earlier must not
  // overwrite them with an older copy.
  private readonly touchedLive = new Set<string>();
  // Bumped by stop(): a load from an earlier mount (React StrictMode mounts twice) gives up.
  private generation = 0;

  async load(): Promise<void> {
    const generation = this.generation;
    for (const statuses of [OPEN_STATUSES, DONE_STATUSES]) {
      let cursor: string | undefined;
      let isFirst = statuses === OPEN_STATUSES;
      do {
        const early = isFirst ? await takePrefetched()?.catch(() => null) : null;
        const page =
          early ??
          (await api.conversations({
            status: statuses.join(','),
            limit: isFirst ? FIRST_PAGE_SIZE : PAGE_SIZE,
            ...(cursor ? { cursor } : {}),
          }));
        isFirst = false;
        if (generation !== this.generation) return;
        for (const c of page.items) if (!this.touchedLive.has(c.id)) this.byId.set(c.id, c);
        cursor = page.nextCursor ?? undefined;
        this.changed();
      } while (cursor && this.byId.size < MAX_CONVERSATIONS);
      if (statuses === OPEN_STATUSES) {
        this.isOpenLoaded = true;
        this.changed();
      }
    }
    this.isFullyLoaded = true;
    this.touchedLive.clear();
    this.changed();
  }

  stop(): void {
    this.generation += 1;
  }

  apply(event: StreamEvent): void {
    if (event.type !== 'conversation.updated') return;
    const conversation = event.payload.conversation as Conversation | undefined;
    if (!conversation) return;
    this.upsert(conversation);
  }

  /** Replace one conversation with a fresher copy (from the stream or an API answer). */
  upsert(conversation: Conversation): void {
    if (!this.isFullyLoaded) this.touchedLive.add(conversation.id);
    this.byId.set(conversation.id, conversation);
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed() {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
