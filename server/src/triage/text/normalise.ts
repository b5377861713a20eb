// Text normalisation shared by every model: the same steps must run at training and at prediction.

const ESCAPED_UNICODE = /\\u([0-9a-fA-F]{4})/g;
const HTML_ENTITY = /&(amp|lt|gt|quot|#39|apos);/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTION = /@\w+/g;
const ELONGATED = /(\p{L})\1{2,}/gu;
const ENTITY_TEXT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** Lower-cased text with URLs and mentions replaced by placeholders and elongations shortened. */
export function normaliseText(raw: string): string {
  let text = raw;
  if (text.includes('\\u'))
    text = text.replace(ESCAPED_UNICODE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (text.includes('&')) text = text.replace(HTML_ENTITY, (_, name: string) => ENTITY_TEXT[name] ?? '');
  text = text.replace(URL, ' http ').replace(MENTION, '@user');
  text = text.replace(/[\u2018\u2019\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  return text.toLowerCase().replace(ELONGATED, '$1$1');
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
