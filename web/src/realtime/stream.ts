import type { StreamEvent } from '../api/types.ts';

type Listener = (event: StreamEvent) => void;
export type StreamState = 'connecting' | 'live' | 'offline';

/**
 * One WebSocket per tab. On a drop it reconnects with `?lastEventId=` of the last event seen, so
 * the server replays what was missed; ids only grow, so repeats are dropped here.
 */
export class EventStream {
  private socket: WebSocket | null = null;
  private lastEventId: number | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(state: StreamState) => void>();
  private readonly resetListeners = new Set<() => void>();
  private retryDelayMs = 500;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private isClosed = false;
  state: StreamState = 'connecting';

  connect(): void {
    this.isClosed = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.lastEventId === null ? '' : `?lastEventId=${this.lastEventId}`;
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/stream${query}`);
    this.socket = socket;
    this.setState('connecting');
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as StreamEvent & {
        lastEventId?: number;
        isReset?: boolean;
      };
      if (event.type === 'ready') {
        if (this.lastEventId === null || event.isReset) this.lastEventId = event.lastEventId ?? 0;
        // Away longer than the server keeps events: what was missed cannot be replayed.
        if (event.isReset) for (const listener of this.resetListeners) listener();
        this.retryDelayMs = 500;
        this.setState('live');
        return;
      }
      if (this.lastEventId !== null && event.id <= this.lastEventId) return;
      this.lastEventId = event.id;
      for (const listener of this.listeners) listener(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.isClosed) return;
      this.setState('offline');
      this.retryTimer = setTimeout(() => this.connect(), this.retryDelayMs);
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, 15_000);
    };
  }

  close(): void {
    this.isClosed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the server could not replay what this tab missed: the data must be reloaded. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  onState(listener: (state: StreamState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: StreamState) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
