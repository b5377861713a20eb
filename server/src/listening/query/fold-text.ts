// Text folding shared by queries and posts, so both sides of a match are normalised the same way.

// Letters that carry no combining mark under NFD but that people still type without the accent.
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ς: 'σ',
  '’': "'",
};
const EXTRA_FOLD_PATTERN = /[ßæœøłđðþıς’]/g;
// Only the Latin/Greek/Cyrillic combining diacritics: marks in Indic and other scripts carry meaning.
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
// Printable ASCII (plus whitespace) needs no Unicode normalisation: the common fast path.
const ASCII_ONLY = /^[ -~\t\n\r]*$/;
// Anything NFKC may change, other than astral symbols such as emoji (U+1D4xx maths letters excepted).
const MAY_NEED_NFKC = /[\u0080-\ud7ff\ud835\ue000-\uffff]/;
// Ranges holding precomposed letters with diacritics (Latin, Greek, Cyrillic and their extensions).
const MAY_HAVE_DIACRITICS = /[\u00c0-\u04ff\u1e00-\u1fff]/;

/** NFKC, lower case, diacritics folded ("Café" → "cafe", "ＡＣＭＥ" → "acme"). */
export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  let folded = MAY_NEED_NFKC.test(text) ? text.normalize('NFKC').toLowerCase() : text.toLowerCase();
  if (MAY_HAVE_DIACRITICS.test(folded)) {
    folded = folded.normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC');
  }
  return folded.replace(EXTRA_FOLD_PATTERN, (ch) => EXTRA_FOLDS[ch] ?? ch);
}
