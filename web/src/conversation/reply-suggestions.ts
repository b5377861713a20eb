// Suggested replies from the account's own history (GET /conversations/:id/suggestions): fetched,
// cleaned up for the composer and shortened for display. The full text goes into the composer.
import type { ReplyLimit } from './reply-limit.ts';

export interface Suggestion {
  text: string;
  score: number;
}

export interface ShownSuggestion {
  text: string;
  /** One line for the chip: the start of the reply, cut at a word. */
  preview: string;
  /** Longer than this channel allows (the agent must shorten it before sending). */
  isTooLong: boolean;
}

export async function fetchSuggestions(
  conversationId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Suggestion[]> {
  const res = await fetchImpl(`/api/v1/conversations/${encodeURIComponent(conversationId)}/suggestions`, {
    credentials: 'same-origin',
  });
  if (!res.ok) return [];
  const body = (await res.json()) as { items?: Suggestion[] };
  return Array.isArray(body.items) ? body.items : [];
}

export function previewOf(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

/** Non-empty, de-duplicated (ignoring case and spacing), best first as the server ranked them. */
export function prepareSuggestions(items: Suggestion[], limit: ReplyLimit): ShownSuggestion[] {
  const seen = new Set<string>();
  const shown: ShownSuggestion[] = [];
  for (const item of items) {
    const text = item.text.trim();
    const key = text.toLowerCase().replace(/\s+/g, ' ');
    if (!text || seen.has(key)) continue;
    seen.add(key);
    shown.push({ text, preview: previewOf(text), isTooLong: limit.measure(text) > limit.max });
  }
  return shown;
}
