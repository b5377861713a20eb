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
const EMOJI_PART = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high) ? 1 : 2;
}

function plainWeight(text: string): number {
  let total = 0;
  for (const { segment } of graphemes.segment(text)) {
    const codePoints = [...segment];
    if (codePoints.length > 1 && EMOJI_PART.test(segment)) {
      total += 2;
      continue;
    }
    for (const char of codePoints) total += codePointWeight(char.codePointAt(0) ?? 0);
  }
  return total;
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
