// Text normalisation shared by every model: the same steps must run at training and at prediction.

const ESCAPED_UNICODE = /\\u([0-9a-fA-F]{4})/g;
const HTML_ENTITY = /&(amp|lt|gt|quot|#39|apos);/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTION = /@\w+/g;
const ELONGATED = /(\p{L})\1{2,}/gu;
const ENTITY_TEXT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/**
 * False when no letter can repeat three times in a row: no three equal code units and no surrogate
 * (an astral letter repeats as pairs). Lets callers skip the Unicode regex, the common case.
 */
export function mayBeElongated(text: string): boolean {
  let previous = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return true;
    run = code === previous ? run + 1 : 1;
    if (run >= 3) return true;
    previous = code;
  }
  return false;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-cased text with URLs and mentions replaced by placeholders and elongations shortened. */
export function normaliseText(raw: string): string {
  let text = raw;
  if (text.includes('\\u'))
    text = text.replace(ESCAPED_UNICODE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (text.includes('&')) text = text.replace(HTML_ENTITY, (_, name: string) => ENTITY_TEXT[name] ?? '');
  if (text.includes('://') || ((text.includes('w.') || text.includes('W.')) && /www\./i.test(text)))
    text = text.replace(URL, ' http ');
  if (text.includes('@')) text = text.replace(MENTION, '@user');
  if (text.includes('`') || !isAscii(text))
    text = text.replace(/[\u2018\u2019\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  const lower = text.toLowerCase();
  return mayBeElongated(lower) ? lower.replace(ELONGATED, '$1$1') : lower;
}

const TOKEN =
  /(?:[:;=8xX][-o^']?[)(\][dDpP/\\|*3oO])|(?:[)(\]/\\][-o^']?[:;=8])|<3|\p{Extended_Pictographic}|[\p{L}\p{N}_#@'$%]+|[!?]+|[.,]+/gu;

export function tokenise(normalised: string): string[] {
  return normalised.match(TOKEN) ?? [];
}

export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  "can't",
  'dont',
  "don't",
  'nothing',
  'nobody',
  'none',
  'nor',
  'neither',
  'without',
  "won't",
  'wont',
  "isn't",
  'isnt',
  "aren't",
  "wasn't",
  "didn't",
  'didnt',
  "doesn't",
  'doesnt',
  "couldn't",
  "shouldn't",
  "wouldn't",
  "haven't",
  "hasn't",
  "ain't",
  'aint',
]);

/** Marks tokens after a negator (up to punctuation) with a `!` prefix, e.g. "not good" -> "not !good". */
export function markNegation(tokens: string[]): string[] {
  const out: string[] = new Array(tokens.length);
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const first = token.charCodeAt(0);
    // '.', ',', '!', '?' end the negation scope.
    if (first === 46 || first === 44 || first === 33 || first === 63) {
      negated = false;
      out[i] = token;
    } else if (NEGATORS.has(token) || token.endsWith("n't")) {
      negated = true;
      out[i] = token;
    } else out[i] = negated ? '!' + token : token;
  }
  return out;
}
