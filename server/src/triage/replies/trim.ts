/** Shortens text to `maxLength` characters: at a sentence end when that keeps at least half, else at a word with '…'. */
export function trimToLength(text: string, maxLength: number): string {
  const clean = text.trim();
  if (clean.length <= maxLength) return clean;
  if (maxLength <= 1) return clean.slice(0, Math.max(0, maxLength));
  const window = clean.slice(0, maxLength);
  let sentenceEnd = -1;
  for (const match of window.matchAll(/[.!?](?=\s|$)/g)) sentenceEnd = match.index;
  if (sentenceEnd >= maxLength / 2) return window.slice(0, sentenceEnd + 1);
  const room = clean.slice(0, maxLength - 1);
  const space = room.lastIndexOf(' ');
  const cut = space >= maxLength / 3 ? room.slice(0, space) : room;
  return cut.replace(/[\s,;:–-]+$/, '') + '…';
}

/** Drops the customer handle(s) the reply opened with and a trailing agent signature ("^JR", "-AB"). */
export function adaptReply(text: string): string {
  return text
    .replace(/^(?:\s*@\w+)+\s*/, '')
    .replace(/\s+[\^-][A-Z]{1,3}\s*$/, '')
    .trim();
}
