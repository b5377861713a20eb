// X's weighted length (the twitter-text v3 rules, simplified): code points in the Latin and
// general-punctuation ranges count 1, others (CJK, most symbols) 2, an emoji sequence 2 in
// all, and every http(s) URL 23 because X wraps it in t.co. Bare domains are not detected.

export const MAX_TWEET_WEIGHT = 280;
export const URL_WEIGHT = 23;

const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const URL_PATTERN = /https?:\/\/[^\s]+/giu;
// An emoji sequence: flag pair, keycap, or pictograph with skin tones / variation selectors / tag
// sequences, joined by ZWJ. A regex keeps this linear (Intl.Segmenter took seconds on long input).
const EMOJI_SEQUENCE =
  /\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|[\u{E0020}-\u{E007E}]+\u{E007F})*(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*)*/gu;

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high) ? 1 : 2;
}

function codePointsWeight(text: string): number {
  let total = 0;
  for (const char of text) total += codePointWeight(char.codePointAt(0) ?? 0);
  return total;
}

function plainWeight(text: string): number {
  let total = 0;
  let last = 0;
  for (const match of text.matchAll(EMOJI_SEQUENCE)) {
    total += codePointsWeight(text.slice(last, match.index));
    // A lone code point keeps its own weight; a multi-code-point sequence counts 2 in all.
    total += [...match[0]].length > 1 ? 2 : codePointsWeight(match[0]);
    last = match.index + match[0].length;
  }
  return total + codePointsWeight(text.slice(last));
}

export function weightedTweetLength(text: string): number {
  const normalized = text.normalize('NFC');
  let total = 0;
  let last = 0;
  for (const match of normalized.matchAll(URL_PATTERN)) {
    total += plainWeight(normalized.slice(last, match.index)) + URL_WEIGHT;
    last = match.index + match[0].length;
  }
  return total + plainWeight(normalized.slice(last));
}
