import { hashPair, hashStep, hashString } from './text/hash.ts';
import { mayBeElongated, NEGATORS, normaliseText, tokenise } from './text/normalise.ts';
import { createWordTable, findWord, findWordAfterFirst, type WordTable } from './text/word-table.ts';

/** How a model turns text into hashed sparse features; stored with the model so training and prediction agree. */
export interface FeatureConfig {
  bits: number;
  wordBigrams: boolean;
  charMin: number;
  charMax: number;
  negation: boolean;
  /** Relative weight of each namespace after its own L2 normalisation. */
  wordWeight: number;
  charWeight: number;
  styleWeight: number;
  lexiconWeight: number;
}

/** Word -> polarity in [-1, 1]; optional, stored in the model file. */
export type Lexicon = ReadonlyMap<string, number>;

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  length: number;
  /** How many of the first features are word uni- and bigrams (set by extractFeatures). */
  wordCount?: number;
}

// Enough for ~1,300 characters of text; features past the cap (long emails) are dropped.
const MAX_FEATURES = 4096;
const WORD_SEED = hashString('w');
const CHAR_SEED = hashString('c');
// Named style and lexicon features, hashed once.
const NAMED: Record<string, number> = {
  'l:last': hashString('l:last'),
  'l:mixed': hashString('l:mixed'),
  'l:neg': hashString('l:neg'),
  'l:pos': hashString('l:pos'),
  's:!!': hashString('s:!!'),
  's:?': hashString('s:?'),
  's:bias': hashString('s:bias'),
  's:elong': hashString('s:elong'),
  's:emo+': hashString('s:emo+'),
  's:emo-': hashString('s:emo-'),
  's:shout': hashString('s:shout'),
};

export function createSparseVector(capacity = MAX_FEATURES): SparseVector {
  return { indices: new Int32Array(capacity), values: new Float32Array(capacity), length: 0, wordCount: 0 };
}

function scaleRange(vector: SparseVector, from: number, weight: number): void {
  const count = vector.length - from;
  if (count <= 0) return;
  const scale = weight / Math.sqrt(count);
  for (let i = from; i < vector.length; i++) vector.values[i] = vector.values[i]! * scale;
}

function push(vector: SparseVector, mask: number, hash: number, value: number): void {
  if (vector.length >= vector.indices.length) return;
  vector.indices[vector.length] = (hash >>> 0) & mask;
  vector.values[vector.length] = value;
  vector.length++;
}

const POSITIVE_EMOTICON =
  /(?:[:;=8][-o^']?[)\]dDpP*3])|<3|[\u{1F600}-\u{1F60D}\u{1F617}-\u{1F61D}\u{1F642}\u{1F44D}\u{1F64F}\u{2764}\u{1F495}-\u{1F49F}\u{1F389}]/u;
const NEGATIVE_EMOTICON =
  /(?:[:;=8][-o^']?[([/\\|])|[\u{1F620}-\u{1F62D}\u{1F612}\u{1F61E}\u{1F61F}\u{1F641}\u{1F44E}\u{1F621}\u{1F92C}\u{1F4A9}]/u;

/** A few style cues the n-grams see poorly: shouting, elongation, emoticons, punctuation runs. */
function pushStyle(vector: SparseVector, mask: number, raw: string): void {
  const from = vector.length;
  let upper = 0;
  let letters = 0;
  // Every emoticon starts with one of : ; = 8 < and every listed emoji is at or above U+2764.
  let mayHaveEmoticon = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 65 && code <= 90) upper++;
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
    else if (code === 58 || code === 59 || code === 61 || code === 56 || code === 60 || code >= 0x2764)
      mayHaveEmoticon = true;
  }
  if (letters >= 8 && upper / letters > 0.6) push(vector, mask, NAMED['s:shout']!, 1);
  if (mayBeElongated(raw) && /(\p{L})\1{2,}/u.test(raw)) push(vector, mask, NAMED['s:elong']!, 1);
  if (mayHaveEmoticon && POSITIVE_EMOTICON.test(raw)) push(vector, mask, NAMED['s:emo+']!, 1);
  if (mayHaveEmoticon && NEGATIVE_EMOTICON.test(raw)) push(vector, mask, NAMED['s:emo-']!, 1);
  if (raw.includes('!!')) push(vector, mask, NAMED['s:!!']!, 1);
  if (raw.includes('?')) push(vector, mask, NAMED['s:?']!, 1);
  push(vector, mask, NAMED['s:bias']!, 1);
  for (let i = from; i < vector.length; i++) vector.values[i] = vector.values[i]! * 0.5;
}

/** Lexicon polarity sums (computed in the word loop of extractFeatures) as four features. */
function pushLexicon(
  vector: SparseVector,
  mask: number,
  positive: number,
  negative: number,
  last: number,
  weight: number,
): void {
  push(vector, mask, NAMED['l:pos']!, weight * Math.min(positive, 4) * 0.5);
  push(vector, mask, NAMED['l:neg']!, weight * Math.min(negative, 4) * 0.5);
  push(vector, mask, NAMED['l:last']!, weight * last);
  if (positive > 0 && negative > 0) push(vector, mask, NAMED['l:mixed']!, weight);
}

// JavaScript's \s: the character n-grams see every whitespace run as one space.
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const FNV_PRIME = 0x01000193;
const NEGATED_WORD_SEED = hashStep(WORD_SEED, 33);
const NEGATOR_TABLE = createWordTable(
  [...NEGATORS].map((word) => [word, 1] as const),
  WORD_SEED,
);
// The lexicon as a table keyed by the word-feature hash, built once per lexicon object.
const lexiconTables = new WeakMap<Lexicon, WordTable>();
function lexiconTable(lexicon: Lexicon): WordTable {
  let table = lexiconTables.get(lexicon);
  if (!table) {
    table = createWordTable(lexicon, WORD_SEED);
    lexiconTables.set(lexicon, table);
  }
  return table;
}

/** token.endsWith("n't") without the call. */
function endsWithNt(token: string): boolean {
  const n = token.length;
  return (
    n >= 3 &&
    token.charCodeAt(n - 1) === 116 &&
    token.charCodeAt(n - 2) === 39 &&
    token.charCodeAt(n - 3) === 110
  );
}

// Code units of ' ' + normalised-with-whitespace-runs-collapsed + ' ', reused across calls.
let charBuffer = new Uint16Array(2048);

/**
 * Character n-grams (charMin..charMax) of the normalised text padded with spaces, hashed incrementally
 * over code units (no substrings); the same hashes as hashing each n-gram string from CHAR_SEED.
 */
function pushCharGrams(out: SparseVector, mask: number, normalised: string, config: FeatureConfig): void {
  if (charBuffer.length < normalised.length + 2) charBuffer = new Uint16Array(normalised.length * 2 + 2);
  const codes = charBuffer;
  let length = 0;
  codes[length++] = 32;
  let inSpace = false;
  for (let i = 0; i < normalised.length; i++) {
    const code = normalised.charCodeAt(i);
    if (isSpace(code)) {
      if (!inSpace) codes[length++] = 32;
      inSpace = true;
    } else {
      codes[length++] = code;
      inSpace = false;
    }
  }
  codes[length++] = 32;
  const { charMin, charMax } = config;
  const indices = out.indices;
  const capacity = indices.length;
  let count = out.length;
  for (let start = 0; start + charMin <= length; start++) {
    let hash = CHAR_SEED;
    const end = Math.min(charMax, length - start);
    for (let n = 1; n <= end; n++) {
      hash = Math.imul(hash ^ codes[start + n - 1]!, FNV_PRIME);
      if (n >= charMin && count < capacity) indices[count++] = Math.imul(hash ^ n, FNV_PRIME) & mask;
    }
  }
  out.values.fill(1, out.length, count);
  out.length = count;
}

/** Fills `out` with the features of `raw`; `out` is reused across calls to avoid allocation. */
export function extractFeatures(
  raw: string,
  config: FeatureConfig,
  out: SparseVector,
  lexicon?: Lexicon,
): SparseVector {
  out.length = 0;
  const mask = (1 << config.bits) - 1;
  const normalised = normaliseText(raw);
  const tokens = tokenise(normalised);
  const negation = config.negation;

  // Word uni- and bigrams; negation marking (see markNegation) is applied to the hash seed, not the string.
  const wordStart = out.length;
  let previous = 0;
  let negated = false;
  let positive = 0;
  let negative = 0;
  let last = 0;
  const table = lexicon ? lexiconTable(lexicon) : undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // One hash per token serves the feature, the negator check and the lexicon lookup.
    const plain = hashString(token, WORD_SEED);
    let isMarked = false;
    if (negation) {
      const first = token.charCodeAt(0);
      if (first === 46 || first === 44 || first === 33 || first === 63) negated = false;
      else if (endsWithNt(token) || findWord(NEGATOR_TABLE, token, plain) >= 0) negated = true;
      else isMarked = negated;
    }
    const hash = isMarked ? hashString(token, NEGATED_WORD_SEED) : plain;
    push(out, mask, hash, 1);
    if (config.wordBigrams) push(out, mask, hashPair(i === 0 ? WORD_SEED : previous, hash), 1);
    previous = hash;
    if (table) {
      // A token is read as negated when it carries the '!' mark or itself starts with '!' (punctuation).
      const startsWithBang = !isMarked && token.charCodeAt(0) === 33;
      const slot = startsWithBang ? findWordAfterFirst(table, token) : findWord(table, token, plain);
      if (slot < 0) continue;
      const score = table.values[slot]!;
      const polarity = isMarked || startsWithBang ? -score * 0.7 : score;
      if (polarity > 0) positive += polarity;
      else negative -= polarity;
      last = polarity;
    }
  }
  if (config.wordBigrams && tokens.length > 0) push(out, mask, hashPair(previous, CHAR_SEED), 1);
  scaleRange(out, wordStart, config.wordWeight);
  out.wordCount = out.length;

  if (config.charWeight > 0) {
    const charStart = out.length;
    pushCharGrams(out, mask, normalised, config);
    scaleRange(out, charStart, config.charWeight);
  }

  if (config.styleWeight > 0) {
    const styleStart = out.length;
    pushStyle(out, mask, raw);
    for (let i = styleStart; i < out.length; i++) out.values[i] = out.values[i]! * config.styleWeight;
  }
  if (lexicon && config.lexiconWeight > 0)
    pushLexicon(out, mask, positive, negative, last, config.lexiconWeight);
  return out;
}
