import { useEffect, useState } from 'react';
import { type Approval, deskApi } from '../api/desk.ts';
import { useDesk } from '../app/desk-context.tsx';
import { navigate } from '../app/router.ts';
import { ApprovalEntry } from '../conversation/ApprovalEntry.tsx';

/** Pending approvals of the account, kept current from the event stream (supervisors and admins). */
export function usePendingApprovals(isEnabled: boolean): Approval[] {
  const { stream } = useDesk();
  const [items, setItems] = useState<Approval[]>([]);
  useEffect(() => {
    if (!isEnabled) return;
    let isCurrent = true;
    const unsubscribe = stream.subscribe((event) => {
      if (event.type !== 'approval.created' && event.type !== 'approval.decided') return;
      const approval = event.payload.approval as Approval;
      setItems((list) => {
        const rest = list.filter((a) => a.id !== approval.id);
        return approval.status === 'pending' ? [...rest, approval] : rest;
      });
    });
    void deskApi.approvals().then(
      (r) => isCurrent && setItems(r.items),
      () => undefined,
    );
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [isEnabled, stream]);
  return items;
}

/** The "Needs approval" inbox view: replies held for a supervisor, with approve / edit / reject. */
export function NeedsApproval() {
  const { me, store } = useDesk();
  const isSupervisor = me.role !== 'agent';
  const items = usePendingApprovals(isSupervisor);
  const [isOpen, setIsOpen] = useState(false);
  if (!isSupervisor) return null;
  return (
    <div className="needs-approval">
      <button type="button" aria-pressed={isOpen} onClick={() => setIsOpen((v) => !v)}>
        Needs approval <span className="count">{items.length}</span>
      </button>
      {isOpen ? (
        <ul className="timeline approval-queue" aria-label="Replies awaiting approval">
          {items.length === 0 ? <li className="empty">Nothing is waiting for approval.</li> : null}
          {items.map((a) => {
            const conversation = store.byId.get(a.conversationId);
            return (
              <li key={a.id} className="approval-queue-item">
                <a
                  href={`/inbox/${a.conversationId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(`/inbox/${a.conversationId}`);
                  }}
                >
                  {conversation?.contact.name ?? conversation?.contact.handle ?? 'Conversation'}
                  {conversation ? ` · ${conversation.channel.name}` : ''}
                </a>
                <ul>
                  <ApprovalEntry approval={a} />
                </ul>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
