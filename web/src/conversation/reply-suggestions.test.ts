import { describe, expect, it } from 'vitest';
import { replyLimit } from './reply-limit.ts';
import { fetchSuggestions, prepareSuggestions, previewOf } from './reply-suggestions.ts';

describe('reply suggestions', () => {
  it('drops empty and duplicate suggestions, keeping the server order', () => {
    const shown = prepareSuggestions(
      [
        { text: 'Sorry about that! Please DM us your order number.', score: 3 },
        { text: '  ', score: 2 },
        { text: 'sorry about that!  Please DM us your order number.', score: 1.5 },
        { text: 'You can reset it from the login page.', score: 1 },
      ],
      replyLimit('x', true),
    );
    expect(shown.map((s) => s.text)).toEqual([
      'Sorry about that! Please DM us your order number.',
      'You can reset it from the login page.',
    ]);
    expect(shown.every((s) => !s.isTooLong)).toBe(true);
  });

  it("flags a suggestion longer than the channel's limit (X counts a link as 23)", () => {
    const text = `${'word '.repeat(52)}https://example.com/${'x'.repeat(40)}`;
    const [shown] = prepareSuggestions([{ text, score: 1 }], replyLimit('x', true));
    expect(shown?.isTooLong).toBe(true);
    expect(prepareSuggestions([{ text, score: 1 }], replyLimit('x', false))[0]?.isTooLong).toBe(false);
  });

  it('previews a long reply on one line, cut at a word', () => {
    const preview = previewOf('Hi there,\nwe are so sorry your parcel is late. '.repeat(4), 60);
    expect(preview.length).toBeLessThanOrEqual(60);
    expect(preview.endsWith('…')).toBe(true);
    expect(preview).not.toContain('\n');
    expect(previewOf('Short and sweet.')).toBe('Short and sweet.');
  });

  it('fetches the conversation suggestions and treats a failure as none', async () => {
    const calls: string[] = [];
    const ok = (async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ items: [{ text: 'Hello', score: 1 }] }), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await fetchSuggestions('c-1', ok)).toEqual([{ text: 'Hello', score: 1 }]);
    expect(calls).toEqual(['/api/v1/conversations/c-1/suggestions']);
    const failing = (async () => new Response('{}', { status: 404 })) as unknown as typeof fetch;
    expect(await fetchSuggestions('c-2', failing)).toEqual([]);
  });
});
