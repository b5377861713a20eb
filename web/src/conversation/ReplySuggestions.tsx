import { useEffect, useState } from 'react';
import type { Conversation } from '../api/types.ts';
import { replyLimit } from './reply-limit.ts';
import { fetchSuggestions, prepareSuggestions, type Suggestion } from './reply-suggestions.ts';
import './reply-suggestions.css';

/**
 * Up to three replies the team sent to similar customer messages before (the account's own
 * history). Clicking one puts its text in the composer to edit; nothing is sent by a click.
 */
export function ReplySuggestions({
  conversation,
  onPick,
}: {
  conversation: Conversation;
  onPick: (text: string) => void;
}) {
  const [items, setItems] = useState<Suggestion[]>([]);
  // A new customer message (lastCustomerMessageAt) may call for other suggestions: fetch again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the timestamp only triggers a new fetch.
  useEffect(() => {
    let isCurrent = true;
    setItems([]);
    fetchSuggestions(conversation.id)
      .then((found) => {
        if (isCurrent) setItems(found);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [conversation.id, conversation.lastCustomerMessageAt]);
  if (items.length === 0) return null;
  const shown = prepareSuggestions(items, replyLimit(conversation.channel.provider, conversation.isPublic));
  return (
    <section className="reply-suggestions" aria-label="Suggested replies">
      <span className="small muted">Suggested:</span>
      <ul>
        {shown.map((s) => (
          <li key={s.text}>
            <button
              type="button"
              className={`small suggestion${s.isTooLong ? ' too-long' : ''}`}
              title={s.isTooLong ? `${s.text}\n\n(longer than this channel allows: shorten it)` : s.text}
              onClick={() => {
                onPick(s.text);
                // Into the reply box, caret at the end, ready to edit.
                requestAnimationFrame(() => {
                  const box = document.getElementById('composer-text') as HTMLTextAreaElement | null;
                  box?.focus();
                  box?.setSelectionRange(box.value.length, box.value.length);
                });
              }}
            >
              {s.preview}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
