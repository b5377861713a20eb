// What the agent sees of an email: the customer's new words, without the quoted history their
// client appended or their signature. The full text stays in the message metadata and the raw mail
// in the stored delivery.

const REPLY_HEADERS: RegExp[] = [
  /^On\b.{0,200}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook, older clients
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^Le\b.{0,200}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,200}\bschrieb\b.{0,200}:\s*$/i,
  /^El\b.{0,200}\bescribió:\s*$/i,
  /^Il giorno\b.{0,200}\bha scritto:\s*$/i,
  /^Op\b.{0,200}\bschreef\b.{0,200}:\s*$/i,
];

/** Outlook quotes without a marker line: a "From:" header block followed by Sent/Date and Subject. */
function isOutlookHeaderBlock(lines: string[], index: number): boolean {
  if (!/^\*?From:\*?\s/i.test(lines[index] ?? '')) return false;
  const next = lines.slice(index + 1, index + 5).join('\n');
  return /^\*?(Sent|Date):\*?\s/im.test(next) && /^\*?(Subject|To):\*?\s/im.test(next);
}

const SIGNATURE_STARTS: RegExp[] = [
  /^-- ?$/, // the standard delimiter
  /^Sent from my (iPhone|iPad|Android|mobile|phone|Galaxy|BlackBerry)\b.*$/i,
  /^Get Outlook for (iOS|Android)\b.*$/i,
  /^Sent from (Mail|Outlook|Yahoo Mail) for\b.*$/i,
];

/** The new part of a reply: quoted history and signature removed. Never empty when `text` is not. */
export function visibleReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    // "On Mon, 2 Mar 2026 at 09:00, Ann <ann@example.com>" often wraps before "wrote:".
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`.trim();
    if (REPLY_HEADERS.some((re) => re.test(line)) || isOutlookHeaderBlock(lines, i)) {
      end = i;
      break;
    }
    if (/^On\b/i.test(line) && /wrote:\s*$/i.test(joined) && !/wrote:\s*$/i.test(line)) {
      end = i;
      break;
    }
  }
  let kept = lines.slice(0, end);
  // A trailing block of "> " lines is quoted history even without a header line.
  let last = kept.length;
  while (last > 0 && /^\s*(>|$)/.test(kept[last - 1] ?? '')) last--;
  if (kept.slice(last).some((line) => line.trim().startsWith('>'))) kept = kept.slice(0, last);
  const signature = kept.findIndex((line) => SIGNATURE_STARTS.some((re) => re.test(line.trimEnd())));
  if (signature >= 0) kept = kept.slice(0, signature);
  const visible = kept.join('\n').trim();
  return visible === '' ? text.trim() : visible;
}
