import { useCallback, useEffect, useRef, useState } from 'react';
import { deskApi, type Viewer } from '../api/desk.ts';
import { useDesk } from '../app/desk-context.tsx';

const HEARTBEAT_MS = 10_000;
const TYPING_THROTTLE_MS = 4_000;

/**
 * Tell the server this agent has the conversation open (a heartbeat every 10 s, 'typing' while
 * keys are pressed, 'left' on close) and follow who else is viewing or typing in it.
 */
export function usePresence(conversationId: string) {
  const { stream, me } = useDesk();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const lastKeyAt = useRef(0);
  const lastTypingSentAt = useRef(0);

  useEffect(() => {
    let isCurrent = true;
    const beat = (state: 'viewing' | 'typing') =>
      deskApi.presence(conversationId, state).then(
        (r) => isCurrent && setViewers(r.viewers),
        () => undefined,
      );
    void beat('viewing');
    const timer = setInterval(
      () => void beat(Date.now() - lastKeyAt.current < HEARTBEAT_MS ? 'typing' : 'viewing'),
      HEARTBEAT_MS,
    );
    const unsubscribe = stream.subscribe((event) => {
      if (event.type === 'presence.updated' && event.payload.conversationId === conversationId) {
        setViewers(event.payload.viewers as Viewer[]);
      }
    });
    return () => {
      isCurrent = false;
      clearInterval(timer);
      unsubscribe();
      void deskApi.presence(conversationId, 'left').catch(() => undefined);
    };
  }, [conversationId, stream]);

  const noteTyping = useCallback(() => {
    const now = Date.now();
    lastKeyAt.current = now;
    if (now - lastTypingSentAt.current < TYPING_THROTTLE_MS) return;
    lastTypingSentAt.current = now;
    void deskApi.presence(conversationId, 'typing').catch(() => undefined);
  }, [conversationId]);

  return { others: viewers.filter((v) => v.userId !== me.user.id), noteTyping };
}

/** "Sam is typing · Alex is viewing" above the composer, so two agents do not answer at once. */
export function CollisionWarning({ others }: { others: Viewer[] }) {
  if (others.length === 0) return null;
  const typing = others.filter((v) => v.state === 'typing');
  return (
    <p className={`collision${typing.length > 0 ? ' is-typing' : ''}`} role="status" data-testid="collision">
      {others.map((v) => `${v.name} is ${v.state === 'typing' ? 'typing a reply' : 'viewing'}`).join(' · ')}
    </p>
  );
}
