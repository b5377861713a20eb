import { type TokenizedText, tokenizeText } from '../query/tokenize-text.ts';
import { STOPWORDS } from './stopwords.ts';

export interface ContentTermOptions {
  /** Terms to leave out, e.g. the brand's own name and handle (folded, `#`/`@` kept). */
  ignore?: ReadonlySet<string>;
  /** Adjacent content words as "a b" phrases too (default true). */
  bigrams?: boolean;
}

/**
 * Words worth counting in a post: no stopwords, handles (they address, not describe), bare numbers or
 * single letters; plus bigrams of adjacent content words. Each term once per post.
 */
export function contentTerms(text: string | TokenizedText, options: ContentTermOptions = {}): string[] {
  const tokens = typeof text === 'string' ? tokenizeText(text).tokens : text.tokens;
  const ignore = options.ignore;
  const terms = new Set<string>();
  let previous: string | undefined;
  for (const token of tokens) {
    const isContent =
      token.length > 1 &&
      token[0] !== '@' &&
      !STOPWORDS.has(token) &&
      !/^\d+$/.test(token) &&
      !(ignore?.has(token) || (token[0] === '#' && ignore?.has(token.slice(1))));
    if (!isContent) {
      previous = undefined;
      continue;
    }
    terms.add(token);
    if (previous && options.bigrams !== false && token[0] !== '#' && previous[0] !== '#') {
      terms.add(`${previous} ${token}`);
    }
    previous = token;
  }
  return [...terms];
}
