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

const OTHER = 0;
const WORD = 1; // letters, digits, combining marks
const UNSPACED = 2; // Han and kana: written without spaces, so one token per character
const UNDERSCORE = 3; // joins handles and hashtags, separates plain words
const WORD_PATTERN = /[\p{L}\p{N}\p{M}]/u;
const UNSPACED_PATTERN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

// Character classes of the Basic Multilingual Plane, computed once: a table lookup per character is
// many times faster than a Unicode-property regex over every post.
let bmpClasses: Uint8Array | undefined;
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  if (char === '_') return UNDERSCORE;
  if (UNSPACED_PATTERN.test(char)) return UNSPACED;
  return WORD_PATTERN.test(char) ? WORD : OTHER;
}

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    if (!bmpClasses) {
      bmpClasses = new Uint8Array(0x10000);
      for (let cp = 0; cp < 0x10000; cp++)
        bmpClasses[cp] = cp >= 0xd800 && cp < 0xe000 ? OTHER : classify(cp);
    }
    return bmpClasses[codePoint]!;
  }
  let cls = astralClasses.get(codePoint);
  if (cls === undefined) {
    cls = classify(codePoint);
    if (astralClasses.size < 100_000) astralClasses.set(codePoint, cls);
  }
  return cls;
}

const HASH = 35;
const AT = 64;

export function tokenizeText(text: string): TokenizedText {
  const folded = foldText(text);
  const tokens: string[] = [];
  const words: (string | undefined)[] = [];
  const length = folded.length;
  let previousClass = OTHER;
  let i = 0;
  while (i < length) {
    const codePoint = folded.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const cls = classOf(codePoint);
    if ((codePoint === HASH || codePoint === AT) && previousClass === OTHER) {
      // A hashtag or handle must not follow a word character (so `bob@acme.com` holds no handle).
      let end = i + 1;
      while (end < length) {
        const next = folded.codePointAt(end)!;
        if (classOf(next) === OTHER) break;
        end += next > 0xffff ? 2 : 1;
      }
      if (end > i + 1) {
        const tag = folded.slice(i, end);
        tokens.push(tag);
        words.push(codePoint === HASH ? tag.slice(1) : undefined);
        previousClass = WORD;
        i = end;
        continue;
      }
    }
    if (cls === WORD) {
      let end = i + width;
      while (end < length) {
        const next = folded.codePointAt(end)!;
        if (classOf(next) !== WORD) break;
        end += next > 0xffff ? 2 : 1;
      }
      tokens.push(folded.slice(i, end));
      words.push(undefined);
      previousClass = WORD;
      i = end;
      continue;
    }
    if (cls === UNSPACED) {
      tokens.push(folded.slice(i, i + width));
      words.push(undefined);
    }
    previousClass = cls;
    i += width;
  }
  return { tokens, words };
}
