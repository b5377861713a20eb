import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api } from '../api/client.ts';
import type { Channel, Me, Member } from '../api/types.ts';
import { ConversationStore } from '../inbox/store.ts';
import { EventStream, type StreamState } from '../realtime/stream.ts';

export interface Desk {
  me: Me;
  store: ConversationStore;
  stream: EventStream;
  users: Member[];
  channels: Channel[];
  reloadDirectory: () => void;
}

const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside DeskProvider');
  return desk;
}

/** Re-render when the store changes; returns its version. */
export function useStoreVersion(store: ConversationStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

export function useStreamState(stream: EventStream): StreamState {
  return useSyncExternalStore(
    (listener) => stream.onState(listener),
    () => stream.state,
  );
}

/** One store and one WebSocket per signed-in account; both are rebuilt on an account switch. */
export function DeskProvider({ me, children }: { me: Me; children: React.ReactNode }) {
  const [store] = useState(() => new ConversationStore());
  const [stream] = useState(() => new EventStream());
  const [users, setUsers] = useState<Member[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [directoryVersion, setDirectoryVersion] = useState(0);

  useEffect(() => {
    const unsubscribe = stream.subscribe((event) => store.apply(event));
    // Offline for longer than the server keeps realtime events: start again from fresh data.
    const unsubscribeReset = stream.onReset(() => window.location.reload());
    stream.connect();
    void store.load();
    return () => {
      unsubscribe();
      unsubscribeReset();
      stream.close();
      store.stop();
    };
  }, [store, stream]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: directoryVersion is the reload trigger
  useEffect(() => {
    void api.users().then((r) => setUsers(r.items));
    void api.channels().then((r) => setChannels(r.items));
  }, [directoryVersion]);

  const desk = useMemo<Desk>(
    () => ({ me, store, stream, users, channels, reloadDirectory: () => setDirectoryVersion((v) => v + 1) }),
    [me, store, stream, users, channels],
  );
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}
