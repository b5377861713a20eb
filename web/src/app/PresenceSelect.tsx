import { useEffect, useState } from 'react';
import { describeFailure, type PresenceStatus, routingApi } from '../api/routing.ts';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { useDesk } from './desk-context.tsx';

// The server marks an online agent away after `awayAfterMinutes` (default 15) without activity.
// While the desk is in use, a heartbeat at most once a minute keeps them online and brings an
// agent that inactivity made away back online.
const HEARTBEAT_MS = 60_000;

export const PRESENCE_LABEL: Record<PresenceStatus, string> = {
  online: 'Online',
  away: 'Away',
  offline: 'Offline',
};

/** The signed-in agent's presence (online / away / offline), in the nav bar. */
export function PresenceSelect() {
  const { me } = useDesk();
  const board = useAgentBoard();
  const agent = board.agents.get(me.user.id);
  const status = board.presenceOf(me.user.id);
  const [error, setError] = useState<string | null>(null);
  useHeartbeat(board.isLoaded && status !== 'offline', (next) =>
    board.setPresence(me.user.id, next.status, next.setBy, next.changedAt),
  );

  const change = async (next: PresenceStatus) => {
    setError(null);
    try {
      const saved = await routingApi.setMyPresence(next);
      board.setPresence(me.user.id, saved.status, saved.setBy, saved.changedAt);
    } catch (failure) {
      setError(describeFailure(failure, 'Could not change your presence'));
    }
  };

  return (
    <label className={`presence-select presence-${status}`}>
      <span className="presence-dot" aria-hidden="true" />
      <span className="visually-hidden">Your presence</span>
      <select
        value={status}
        disabled={!board.isLoaded}
        onChange={(event) => void change(event.target.value as PresenceStatus)}
        title={agent?.presence.setBy === 'inactivity' ? 'Set away after a while without activity' : undefined}
      >
        {(Object.keys(PRESENCE_LABEL) as PresenceStatus[]).map((s) => (
          <option key={s} value={s}>
            {PRESENCE_LABEL[s]}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="error presence-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** POST a heartbeat once a minute while the user has used the page since the last one. */
function useHeartbeat(
  isEnabled: boolean,
  onPresence: (p: Awaited<ReturnType<typeof routingApi.heartbeat>>) => void,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: onPresence is a fresh closure each render; restart only on isEnabled
  useEffect(() => {
    if (!isEnabled) return;
    let isActive = true; // the page was just loaded or the status just changed: that is activity
    const markActive = () => {
      isActive = true;
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'focus'] as const;
    for (const name of events) window.addEventListener(name, markActive, { passive: true });
    const beat = () => {
      if (!isActive || document.visibilityState === 'hidden') return;
      isActive = false;
      void routingApi.heartbeat().then(onPresence, () => undefined);
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      for (const name of events) window.removeEventListener(name, markActive);
    };
  }, [isEnabled]);
}
