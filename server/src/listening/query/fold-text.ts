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

/** NFKC, lower case, diacritics folded ("Café" → "cafe", "ＡＣＭＥ" → "acme"). */
export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_DIACRITICS, '')
    .normalize('NFC')
    .replace(EXTRA_FOLD_PATTERN, (ch) => EXTRA_FOLDS[ch] ?? ch);
}
