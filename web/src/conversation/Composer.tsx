import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { type Approval, type CannedResponse, DeskApiError, deskApi, problemText } from '../api/desk.ts';
import type { Conversation, Message, Note, UploadedAttachment } from '../api/types.ts';
import { AttachButton } from './AttachButton.tsx';
import { attachmentProblem } from './attachment-rules.ts';
import { CannedPicker, pickCanned } from './CannedPicker.tsx';
import { ContinueInPrivate } from './ContinueInPrivate.tsx';
import { EmojiPicker } from './EmojiPicker.tsx';
import { ReplySuggestions } from './ReplySuggestions.tsx';
import { useReplyWindow, WindowBanner } from './ReplyWindow.tsx';
import { replyLimit } from './reply-limit.ts';
import { TemplatePicker } from './TemplatePicker.tsx';

interface Pending {
  key: number;
  text: string;
  state: 'sending' | 'failed' | 'conflict';
  error?: string;
  /** Messages that landed after the agent loaded the conversation (the 409's details). */
  newMessages?: Message[];
  latestMessageId?: string;
  attachmentIds?: string[];
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
  lastMessageId,
  onHeld,
  onTyping,
}: {
  conversation: Conversation;
  onSent: (message: Message) => void;
  onNoted: (note: Note) => void;
  /** The last message the agent has seen: a reply that crossed newer ones asks for confirmation. */
  lastMessageId?: string | null;
  /** The reply is waiting for a supervisor's approval. */
  onHeld?: (approval: Approval) => void;
  onTyping?: () => void;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const [files, setFiles] = useState<UploadedAttachment[]>([]);
  const [cannedMatches, setCannedMatches] = useState<CannedResponse[]>([]);
  const [cannedIndex, setCannedIndex] = useState(0);
  const [cannedWarning, setCannedWarning] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // `/` at the start of the reply box opens the canned-response picker.
  const cannedQuery = mode === 'reply' ? (/^\/(\S*)$/.exec(text)?.[1] ?? null) : null;
  const insertCanned = (rendered: string, warning: string | null) => {
    setText(rendered);
    setCannedWarning(warning);
    setCannedIndex(0);
    input.current?.focus();
  };
  const limit = replyLimit(conversation.channel.provider, conversation.isPublic);
  const used = mode === 'reply' ? limit.measure(text) : text.length;
  const isOver = mode === 'reply' && used > limit.max;
  // Messenger / WhatsApp windows: free text is locked when the server would refuse it.
  const replyWindow = useReplyWindow(conversation);
  const isWindowClosed = mode === 'reply' && replyWindow !== null && !replyWindow.canSendText;
  const { provider } = conversation.channel;
  const hasFileProblem =
    mode === 'reply' && attachmentProblem(provider, conversation.isPublic, text, files) !== null;

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

  const sendReply = async (item: Pending, expectedLastMessageId = lastMessageId) => {
    setPending((list) => list.map((p) => (p.key === item.key ? { ...p, state: 'sending' } : p)));
    try {
      const result = await deskApi.reply(
        conversation.id,
        item.text,
        expectedLastMessageId,
        item.attachmentIds,
      );
      setPending((list) => list.filter((p) => p.key !== item.key));
      if (result.message) onSent(result.message);
      else onHeld?.(result.approval);
    } catch (failure) {
      const details = failure instanceof DeskApiError ? (failure.details as Pending | undefined) : undefined;
      if (failure instanceof DeskApiError && failure.status === 409 && details?.newMessages) {
        for (const message of details.newMessages) onSent(message);
        const update = {
          state: 'conflict' as const,
          newMessages: details.newMessages,
          ...(details.latestMessageId ? { latestMessageId: details.latestMessageId } : {}),
        };
        setPending((list) => list.map((p) => (p.key === item.key ? { ...p, ...update } : p)));
        return;
      }
      const error = failure instanceof DeskApiError ? problemText(failure) : 'Network error';
      setPending((list) => list.map((p) => (p.key === item.key ? { ...p, state: 'failed', error } : p)));
    }
  };

  const submit = async () => {
    const body = text.trim();
    const attachmentIds = mode === 'reply' ? files.map((f) => f.id) : [];
    if ((!body && attachmentIds.length === 0) || isOver || isWindowClosed || hasFileProblem) return;
    setText('');
    setCannedWarning(null);
    if (mode === 'note') {
      const { note } = await api.note(conversation.id, body);
      onNoted(note);
      return;
    }
    pendingSerial += 1;
    const item: Pending = { key: pendingSerial, text: body, state: 'sending', attachmentIds };
    setFiles([]);
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
              ) : p.state === 'conflict' ? (
                <div role="alertdialog" aria-label="New messages arrived" className="conflict">
                  <span className="warning small">
                    {p.newMessages?.length ?? 0} new message{p.newMessages?.length === 1 ? '' : 's'} arrived
                    since you opened this conversation. Send anyway?
                  </span>
                  <button
                    type="button"
                    className="small primary"
                    onClick={() => void sendReply(p, p.latestMessageId)}
                  >
                    Send anyway
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() => {
                      setPending((list) => list.filter((x) => x.key !== p.key));
                      setText(p.text);
                    }}
                  >
                    Edit first
                  </button>
                </div>
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
      {mode === 'reply' && replyWindow ? <WindowBanner notice={replyWindow} /> : null}
      {mode === 'reply' && replyWindow?.needsTemplate ? (
        <TemplatePicker conversation={conversation} onSent={onSent} {...(onHeld ? { onHeld } : {})} />
      ) : null}
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
          placeholder={
            mode === 'reply'
              ? 'Write a reply… (/ for canned responses, Ctrl+Enter to send)'
              : 'Note for your team…'
          }
          onChange={(event) => {
            setText(event.target.value);
            if (mode === 'reply') onTyping?.();
          }}
          onKeyDown={(event) => {
            if (cannedQuery !== null && cannedMatches.length > 0) {
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                const step = event.key === 'ArrowDown' ? 1 : -1;
                setCannedIndex((i) => (i + step + cannedMatches.length) % cannedMatches.length);
                return;
              }
              const chosen = cannedMatches[cannedIndex];
              if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && chosen) {
                event.preventDefault();
                void pickCanned(conversation.id, chosen).then(({ text: t, warning }) =>
                  insertCanned(t, warning),
                );
                return;
              }
            }
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            } else if (event.key === 'Escape') {
              event.currentTarget.blur();
            }
          }}
          aria-describedby="composer-counter"
        />
        {cannedQuery !== null ? (
          <CannedPicker
            conversationId={conversation.id}
            query={cannedQuery}
            activeIndex={cannedIndex}
            onMatches={setCannedMatches}
            onPicked={insertCanned}
          />
        ) : null}
        {cannedWarning ? <p className="warning small">{cannedWarning}</p> : null}
        {mode === 'reply' ? (
          <AttachButton
            conversation={conversation}
            files={files}
            text={text}
            onChange={setFiles}
            disabled={isWindowClosed}
          />
        ) : null}
        <div className="composer-footer">
          <EmojiPicker target={input} onInsert={setText} />
          <span id="composer-counter" className={`counter${isOver ? ' over' : ''}`} aria-live="polite">
            {mode === 'reply' ? `${used} / ${limit.max} ${limit.unit}` : `${used} characters`}
          </span>
          <button
            type="submit"
            className="primary"
            disabled={
              (!text.trim() && (mode === 'note' || files.length === 0)) ||
              isOver ||
              isWindowClosed ||
              hasFileProblem
            }
          >
            {mode === 'reply' ? 'Send reply' : 'Add note'}
          </button>
        </div>
      </form>
    </div>
  );
}
