import { useEffect, useRef } from 'react';
import { api } from '../api/client.ts';
import type { Activity, Approval } from '../api/desk.ts';
import { messageTemplate } from '../api/templates.ts';
import type { Message, Note } from '../api/types.ts';
import { formatTime } from '../ui/format.ts';
import { ApprovalEntry } from './ApprovalEntry.tsx';
import { describeActivity } from './activity-text.ts';
import { MessageAttachments } from './MessageAttachments.tsx';

type Entry =
  | { kind: 'message'; at: string; message: Message }
  | { kind: 'note'; at: string; note: Note }
  | { kind: 'activity'; at: string; activity: Activity; text: string }
  | { kind: 'approval'; at: string; approval: Approval };

const RETRYABLE = new Set(['failed', 'unknown']);

export function Timeline({
  messages,
  notes,
  onRetried,
  activity = [],
  approvals = [],
  nameOf = () => 'someone',
}: {
  messages: Message[];
  notes: Note[];
  onRetried: (messageId: string) => void;
  /** Assignments, rules fired, SLA and approval events, between the messages. */
  activity?: Activity[];
  /** Replies held for a supervisor, and rejected ones (approved ones are messages). */
  approvals?: Approval[];
  nameOf?: (userId: unknown) => string;
}) {
  const entries: Entry[] = [
    ...messages.map((message) => ({ kind: 'message' as const, at: message.sentAt, message })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, note })),
    ...activity.flatMap((a) => {
      const text = describeActivity(a, nameOf);
      return text ? [{ kind: 'activity' as const, at: a.occurredAt, activity: a, text }] : [];
    }),
    ...approvals
      .filter((a) => a.status !== 'approved')
      .map((approval) => ({ kind: 'approval' as const, at: approval.createdAt, approval })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const end = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest entry when one is added
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries.length]);

  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) =>
        entry.kind === 'activity' ? (
          <li
            key={`a${entry.activity.id}`}
            className={`entry activity activity-${entry.activity.kind.replaceAll('.', '-')}`}
          >
            <span className="entry-meta">{formatTime(entry.at)}</span> {entry.text}
          </li>
        ) : entry.kind === 'approval' ? (
          <ApprovalEntry key={`p${entry.approval.id}`} approval={entry.approval} />
        ) : entry.kind === 'note' ? (
          <li key={entry.note.id} className="entry note">
            <div className="entry-meta">
              Internal note{entry.note.authorName ? ` · ${entry.note.authorName}` : ''} ·{' '}
              {formatTime(entry.at)}
            </div>
            <p className="entry-text">{entry.note.text}</p>
          </li>
        ) : (
          <MessageEntry key={entry.message.id} message={entry.message} onRetried={onRetried} />
        ),
      )}
      <li ref={end} className="timeline-end" aria-hidden="true" />
    </ol>
  );
}

function MessageEntry({ message: m, onRetried }: { message: Message; onRetried: (id: string) => void }) {
  const template = messageTemplate(m);
  return (
    <li className={`entry message ${m.direction}`} data-message-id={m.id}>
      <div className="entry-meta">
        <span className={`visibility-tag ${m.isPublic ? 'public' : 'private'}`}>
          {m.isPublic ? 'Public' : 'Private'}
        </span>
        {m.direction === 'in' ? 'Customer' : 'Agent'} · {formatTime(m.sentAt)}
        {template ? (
          <span className="template-tag" data-testid="template-tag">
            Template {template.name} ({template.language})
          </span>
        ) : null}
        {m.direction === 'out' ? (
          <span className={`delivery delivery-${m.deliveryStatus}`} data-testid="delivery-status">
            {m.deliveryStatus}
          </span>
        ) : null}
        {m.direction === 'out' && RETRYABLE.has(m.deliveryStatus) ? (
          <button
            type="button"
            className="small"
            onClick={() => void api.retryMessage(m.id).then(() => onRetried(m.id))}
          >
            Retry
          </button>
        ) : null}
      </div>
      {/* Customer text is untrusted: rendered as text, never as HTML. */}
      <p className="entry-text">{m.isDeleted ? <em>(deleted by the customer)</em> : m.text}</p>
      <MessageAttachments attachments={m.attachments} />
      {m.deliveryError ? <p className="error small">{m.deliveryError}</p> : null}
    </li>
  );
}
