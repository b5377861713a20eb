import { useEffect, useState } from 'react';
import { type CannedResponse, deskApi, problemText } from '../api/desk.ts';

let cache: Promise<CannedResponse[]> | null = null;

/** The account's shared and the agent's own canned responses, loaded once per page. */
export function loadCanned(force = false): Promise<CannedResponse[]> {
  if (!cache || force) cache = deskApi.canned().then((r) => r.items);
  return cache;
}

/** Matches for what follows the `/`: shortcut prefix first, then title or body containing it. */
export function matchCanned(items: CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = items.filter((i) => i.shortcut.toLowerCase().startsWith(q));
  const rest = items.filter((i) => !starts.includes(i) && `${i.title} ${i.body}`.toLowerCase().includes(q));
  return [...starts, ...rest].slice(0, 8);
}

/**
 * The `/` picker: typing `/` (then part of a shortcut) in the reply box lists canned responses;
 * ↑/↓ choose, Enter or a click inserts the response with its variables filled for this conversation.
 */
export function CannedPicker({
  conversationId,
  query,
  activeIndex,
  onMatches,
  onPicked,
}: {
  conversationId: string;
  query: string;
  activeIndex: number;
  onMatches: (matches: CannedResponse[]) => void;
  onPicked: (text: string, warning: string | null) => void;
}) {
  const [items, setItems] = useState<CannedResponse[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadCanned().then(setItems, (e: unknown) => setError(problemText(e)));
  }, []);
  const matches = items ? matchCanned(items, query) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: report when the visible matches change
  useEffect(() => onMatches(matches), [items, query]);

  if (error) return <p className="error small">{error}</p>;
  if (!items) return <p className="canned-picker small">Loading canned responses…</p>;
  if (matches.length === 0) {
    return (
      <p className="canned-picker small" role="status">
        No canned response matches /{query}
      </p>
    );
  }
  return (
    <ul className="canned-picker" aria-label="Canned responses">
      {matches.map((item, index) => (
        <li key={item.id}>
          <button
            type="button"
            data-shortcut={item.shortcut}
            className={index === activeIndex ? 'active' : undefined}
            aria-current={index === activeIndex ? 'true' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() =>
              void pickCanned(conversationId, item).then(({ text, warning }) => onPicked(text, warning))
            }
          >
            <strong>/{item.shortcut}</strong> {item.title}
            <span className="canned-preview">{item.body}</span>
            {item.isShared ? null : <span className="tag">personal</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Render a response for the conversation; a warning when it is over the channel's limit. */
export async function pickCanned(conversationId: string, item: CannedResponse) {
  const rendered = await deskApi.renderCanned(conversationId, item.id);
  return {
    text: rendered.text,
    warning: rendered.isTooLong
      ? `Over the channel limit: ${rendered.length} / ${rendered.max} ${rendered.unit}`
      : null,
  };
}
