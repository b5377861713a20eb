import { useEffect, useMemo, useRef, useState } from 'react';
import { type Approval, deskApi } from '../api/desk.ts';
import { useDesk, useStoreVersion } from '../app/desk-context.tsx';
import { navigate } from '../app/router.ts';
import { formatWait } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import { approvalQueue } from './approval-queue.ts';
import './approval-queue.css';

const REFETCH_MS = 30_000;
const SHOWN = 5;

/**
 * Pending approvals for the wallboard: loaded from `GET /approvals`, applied at once from the
 * `approval.created` / `approval.decided` events and refetched after them (and every 30 s, in case
 * an event was missed), so the count never drifts from the server's.
 */
function useApprovalQueue(isEnabled: boolean): { items: Approval[]; isLoaded: boolean; error: boolean } {
  const { stream } = useDesk();
  const [items, setItems] = useState<Approval[]>([]);
  const [isLoaded, setIsLoaded] = useState(false);
  const [error, setError] = useState(false);
  const serial = useRef(0);

  useEffect(() => {
    if (!isEnabled) return;
    let isCurrent = true;
    const refetch = () => {
      serial.current += 1;
      const mine = serial.current;
      deskApi.approvals().then(
        (r) => {
          if (!isCurrent || mine !== serial.current) return; // a newer request is on its way
          setItems(r.items);
          setIsLoaded(true);
          setError(false);
        },
        () => isCurrent && mine === serial.current && setError(true),
      );
    };
    const unsubscribe = stream.subscribe((event) => {
      if (event.type !== 'approval.created' && event.type !== 'approval.decided') return;
      const approval = event.payload.approval as Approval | undefined;
      if (approval) {
        setItems((list) => {
          const rest = list.filter((a) => a.id !== approval.id);
          return approval.status === 'pending' ? [...rest, approval] : rest;
        });
      }
      refetch();
    });
    refetch();
    const timer = setInterval(refetch, REFETCH_MS);
    return () => {
      isCurrent = false;
      unsubscribe();
      clearInterval(timer);
    };
  }, [isEnabled, stream]);
  return { items, isLoaded, error };
}

/** "Awaiting approval" tile: how many replies wait on a supervisor and the oldest few, each a link. */
export function ApprovalQueue() {
  const { me, store } = useDesk();
  const version = useStoreVersion(store);
  const isSupervisor = me.role !== 'agent';
  const { items, isLoaded, error } = useApprovalQueue(isSupervisor);
  const nowMs = useNow(5000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says it changed
  const queue = useMemo(
    () =>
      approvalQueue(items, {
        limit: SHOWN,
        nowMs,
        customerOf: (id) => {
          const c = store.byId.get(id);
          return c ? (c.contact.name ?? c.contact.handle) : null;
        },
      }),
    [items, nowMs, store, version],
  );
  if (!isSupervisor) return null;
  const more = queue.total - queue.rows.length;

  return (
    <section
      className={`tile approval-queue-tile${queue.total > 0 ? ' tile-warn' : ''}`}
      aria-labelledby="approval-queue-title"
    >
      <div className="approval-queue-count">
        <div className="tile-value" data-testid="tile-awaiting-approval">
          {isLoaded ? queue.total : '…'}
        </div>
        <h2 id="approval-queue-title" className="tile-label">
          Awaiting approval
        </h2>
        {error ? (
          <span role="alert" className="error small">
            Could not refresh
          </span>
        ) : null}
      </div>
      {queue.rows.length > 0 ? (
        <ol className="approval-queue-list" aria-label="Oldest replies awaiting approval">
          {queue.rows.map((row) => (
            <li key={row.id}>
              <a
                href={`/inbox/${row.conversationId}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/inbox/${row.conversationId}`);
                }}
              >
                <span className="approval-queue-who">
                  {row.agent}
                  {row.customer ? ` to ${row.customer}` : ''}
                </span>
                <span className="approval-queue-snippet">{row.snippet}</span>
              </a>
              <span className="approval-queue-age" title="Waiting for">
                <span className="visually-hidden">waiting </span>
                {formatWait(new Date(nowMs - row.waitingMs).toISOString(), nowMs)}
              </span>
            </li>
          ))}
          {more > 0 ? <li className="small approval-queue-more">and {more} more</li> : null}
        </ol>
      ) : isLoaded ? (
        <p className="small approval-queue-empty">No replies are waiting.</p>
      ) : null}
    </section>
  );
}
