/** The text after inserting `insert` at the caret (replacing the selection), and where the caret goes next. */
export interface CaretInsertion {
  value: string;
  caret: number;
}

/**
 * Inserts `insert` into `value` at the selection `start`..`end` (UTF-16 offsets, as
 * `HTMLTextAreaElement.selectionStart/End` give them), replacing any selected text. A missing
 * selection appends at the end; out-of-range or reversed offsets are clamped and ordered. An offset
 * that falls between the two halves of a surrogate pair (an emoji) is moved before the pair, so an
 * insertion never splits a character.
 */
export function insertAtCaret(
  value: string,
  start: number | null | undefined,
  end: number | null | undefined,
  insert: string,
): CaretInsertion {
  const clamp = (n: number | null | undefined) =>
    n === null || n === undefined || Number.isNaN(n)
      ? value.length
      : Math.min(Math.max(0, Math.trunc(n)), value.length);
  let from = snapToCharacter(value, clamp(start));
  let to = snapToCharacter(value, clamp(end ?? start));
  if (from > to) [from, to] = [to, from];
  return { value: value.slice(0, from) + insert + value.slice(to), caret: from + insert.length };
}

function snapToCharacter(value: string, offset: number): number {
  if (offset <= 0 || offset >= value.length) return offset;
  const before = value.charCodeAt(offset - 1);
  const after = value.charCodeAt(offset);
  const isHighSurrogate = before >= 0xd800 && before <= 0xdbff;
  const isLowSurrogate = after >= 0xdc00 && after <= 0xdfff;
  return isHighSurrogate && isLowSurrogate ? offset - 1 : offset;
}
