import { api } from '../api/client.ts';
import type { Conversation, Priority } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';
import { providerLabel } from '../ui/format.ts';
import { Composer } from './Composer.tsx';
import { ConversationTools } from './ConversationTools.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { Timeline } from './Timeline.tsx';
import { useConversation } from './use-conversation.ts';
import { CollisionWarning, usePresence } from './use-presence.tsx';

const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export function ConversationView({ id }: { id: string }) {
  const { store, users, me } = useDesk();
  const { detail, error, upsertMessage, addNote, setDetail, activity, approvals, upsertApproval } =
    useConversation(id);
  const presence = usePresence(id);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!detail) return <p className="loading">Loading conversation…</p>;
  const c = detail.conversation;
  const apply = (updated: Conversation) => {
    store.upsert(updated);
    setDetail((d) => (d ? { ...d, conversation: updated } : d));
  };
  const isDone = c.status === 'resolved' || c.status === 'closed';

  return (
    <div className="conversation">
      <div className="conversation-main">
        <header className="conversation-header">
          <h2>
            {c.contact.name ?? c.contact.handle ?? 'Unknown customer'}
            <span className="header-meta">
              {providerLabel(c.channel.provider)} · {c.channel.name} · {c.isPublic ? 'public' : 'private'} ·{' '}
              <span data-testid="conversation-status">{c.status}</span>
            </span>
          </h2>
          <div className="controls">
            <label>
              <span>Assignee</span>
              <select
                name="assignee"
                value={c.assignee?.id ?? ''}
                onChange={(event) => void api.assign(c.id, event.target.value || null).then(apply)}
              >
                <option value="">Unassigned</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.id === me.user.id ? `${u.name} (me)` : u.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Priority</span>
              <select
                name="priority"
                value={c.priority}
                onChange={(event) => void api.setPriority(c.id, event.target.value).then(apply)}
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className={isDone ? '' : 'primary'}
              onClick={() => void api.setStatus(c.id, isDone ? 'open' : 'resolved').then(apply)}
            >
              {isDone ? 'Reopen' : 'Resolve (e)'}
            </button>
          </div>
          <ConversationTools conversation={c} />
        </header>
        <Timeline
          activity={activity}
          approvals={approvals}
          nameOf={(userId) => users.find((u) => u.id === userId)?.name ?? 'someone'}
          messages={detail.messages}
          notes={detail.notes}
          onRetried={(messageId) => {
            const message = detail.messages.find((m) => m.id === messageId);
            if (message) upsertMessage({ ...message, deliveryStatus: 'queued', deliveryError: null });
          }}
        />
        <CollisionWarning others={presence.others} />
        <Composer
          conversation={c}
          onSent={upsertMessage}
          onNoted={addNote}
          lastMessageId={detail.messages.at(-1)?.id ?? null}
          onHeld={upsertApproval}
          onTyping={presence.noteTyping}
        />
      </div>
      <CustomerPanel contactId={c.contact.id} currentId={c.id} />
    </div>
  );
}
