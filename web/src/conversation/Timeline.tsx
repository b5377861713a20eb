import { useEffect, useRef } from 'react';
import { api } from '../api/client.ts';
import type { Message, Note } from '../api/types.ts';
import { formatTime } from '../ui/format.ts';

type Entry = { kind: 'message'; at: string; message: Message } | { kind: 'note'; at: string; note: Note };

const RETRYABLE = new Set(['failed', 'unknown']);

export function Timeline({
  messages,
  notes,
  onRetried,
}: {
  messages: Message[];
  notes: Note[];
  onRetried: (messageId: string) => void;
}) {
  const entries: Entry[] = [
    ...messages.map((message) => ({ kind: 'message' as const, at: message.sentAt, message })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, note })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const end = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest entry when one is added
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries.length]);

  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) =>
        entry.kind === 'note' ? (
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
  return (
    <li className={`entry message ${m.direction}`} data-message-id={m.id}>
      <div className="entry-meta">
        <span className={`visibility-tag ${m.isPublic ? 'public' : 'private'}`}>
          {m.isPublic ? 'Public' : 'Private'}
        </span>
        {m.direction === 'in' ? 'Customer' : 'Agent'} · {formatTime(m.sentAt)}
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
      {m.deliveryError ? <p className="error small">{m.deliveryError}</p> : null}
    </li>
  );
}
