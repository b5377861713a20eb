import { foldText } from './fold-text.ts';

/**
 * A post as the matcher sees it: one folded token per position. Hashtags keep their `#` and handles
 * their `@`; `words[i]` additionally holds a hashtag's bare word so the plain term `acme` also
 * matches `#acme` (but `#acme` never matches the word `acme`).
 */
export interface TokenizedText {
  tokens: string[];
  words: (string | undefined)[];
}

// A hashtag or handle must not follow a word character (so `bob@acme.com` holds no handle).
// Scripts written without spaces (Han, kana) give one token per character, so a query term in them
// becomes a phrase of characters and still matches at the right place.
const TOKEN_PATTERN =
  /(?<![\p{L}\p{N}\p{M}_])[#@][\p{L}\p{N}\p{M}_]+|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+/gu;
const WORD_PATTERN =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+/gu;
const ASCII_TOKEN_PATTERN = /(?<![a-z0-9_])[#@][a-z0-9_]+|[a-z0-9]+/g;
// Printable ASCII (plus whitespace) needs no Unicode normalisation: the common fast path.
const ASCII_ONLY = /^[ -~\t\n\r]*$/;

export function tokenizeText(text: string): TokenizedText {
  const folded = foldText(text);
  const pattern = ASCII_ONLY.test(folded) ? ASCII_TOKEN_PATTERN : TOKEN_PATTERN;
  const tokens: string[] = [];
  const words: (string | undefined)[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    const token = match[0];
    tokens.push(token);
    words.push(token.charCodeAt(0) === 35 /* # */ ? token.slice(1) : undefined);
  }
  return { tokens, words };
}

/** Plain word tokens of a fragment (used for query terms); hashtags/handles come back as words. */
export function wordTokens(fragment: string): string[] {
  const folded = foldText(fragment);
  const out: string[] = [];
  for (const match of folded.matchAll(WORD_PATTERN)) {
    out.push(match[0]);
  }
  return out;
}
