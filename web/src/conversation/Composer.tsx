import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Conversation, Message, Note } from '../api/types.ts';
import { ContinueInPrivate } from './ContinueInPrivate.tsx';
import { ReplySuggestions } from './ReplySuggestions.tsx';
import { replyLimit } from './reply-limit.ts';

interface Pending {
  key: number;
  text: string;
  state: 'sending' | 'failed';
  error?: string;
}

let pendingSerial = 0;
// Set by the `r` shortcut when the conversation is still loading: its composer takes focus on mount.
let replyFocusFor: string | null = null;

/** Focus the reply box of conversation `id`, now if it is shown, or as soon as it is. */
export function requestReplyFocus(id: string): void {
  replyFocusFor = id;
  window.dispatchEvent(new CustomEvent('parley:focus-reply', { detail: id }));
}

/** Reply or internal note. Replies show at once as "sending" and stay retryable if the POST fails. */
export function Composer({
  conversation,
  onSent,
  onNoted,
}: {
  conversation: Conversation;
  onSent: (message: Message) => void;
  onNoted: (note: Note) => void;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const limit = replyLimit(conversation.channel.provider, conversation.isPublic);
  const used = mode === 'reply' ? limit.measure(text) : text.length;
  const isOver = mode === 'reply' && used > limit.max;

  useEffect(() => {
    const focus = (event: Event) => {
      if ((event as CustomEvent<string>).detail !== conversation.id) return;
      replyFocusFor = null;
      setMode('reply');
      input.current?.focus();
    };
    if (replyFocusFor === conversation.id) {
      replyFocusFor = null;
      input.current?.focus();
    }
    window.addEventListener('parley:focus-reply', focus);
    return () => window.removeEventListener('parley:focus-reply', focus);
  }, [conversation.id]);

  const sendReply = async (item: Pending) => {
    setPending((list) => list.map((p) => (p.key === item.key ? { ...p, state: 'sending' } : p)));
    try {
      const { message } = await api.reply(conversation.id, item.text);
      setPending((list) => list.filter((p) => p.key !== item.key));
      onSent(message);
    } catch (failure) {
      const error = failure instanceof ApiError ? failure.message : 'Network error';
      setPending((list) => list.map((p) => (p.key === item.key ? { ...p, state: 'failed', error } : p)));
    }
  };

  const submit = async () => {
    const body = text.trim();
    if (!body || isOver) return;
    setText('');
    if (mode === 'note') {
      const { note } = await api.note(conversation.id, body);
      onNoted(note);
      return;
    }
    pendingSerial += 1;
    const item: Pending = { key: pendingSerial, text: body, state: 'sending' };
    setPending((list) => [...list, item]);
    await sendReply(item);
  };

  return (
    <div className={`composer mode-${mode}`}>
      {pending.length > 0 ? (
        <ul className="pending" aria-label="Replies being sent">
          {pending.map((p) => (
            <li key={p.key} className={`pending-${p.state}`}>
              <span className="entry-text">{p.text}</span>
              {p.state === 'sending' ? (
                <span className="delivery">sending…</span>
              ) : (
                <>
                  <span className="error small">Not sent: {p.error}</span>
                  <button type="button" className="small" onClick={() => void sendReply(p)}>
                    Retry
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                  >
                    Discard
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <fieldset className="composer-tabs">
        <legend className="visually-hidden">Composer mode</legend>
        <button type="button" aria-pressed={mode === 'reply'} onClick={() => setMode('reply')}>
          Reply {conversation.isPublic ? '(public)' : '(private)'}
        </button>
        <button type="button" aria-pressed={mode === 'note'} onClick={() => setMode('note')}>
          Internal note
        </button>
      </fieldset>
      <ContinueInPrivate conversation={conversation} onSent={onSent} />
      {mode === 'reply' && <ReplySuggestions conversation={conversation} onPick={setText} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="composer-text" className="visually-hidden">
          {mode === 'reply' ? 'Reply to the customer' : 'Internal note'}
        </label>
        <textarea
          id="composer-text"
          ref={input}
          value={text}
          rows={3}
          placeholder={mode === 'reply' ? 'Write a reply… (Ctrl+Enter to send)' : 'Note for your team…'}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            } else if (event.key === 'Escape') {
              event.currentTarget.blur();
            }
          }}
          aria-describedby="composer-counter"
        />
        <div className="composer-footer">
          <span id="composer-counter" className={`counter${isOver ? ' over' : ''}`} aria-live="polite">
            {mode === 'reply' ? `${used} / ${limit.max} ${limit.unit}` : `${used} characters`}
          </span>
          <button type="submit" className="primary" disabled={!text.trim() || isOver}>
            {mode === 'reply' ? 'Send reply' : 'Add note'}
          </button>
        </div>
      </form>
    </div>
  );
}
