// The Customer Support on Twitter CSV format: tweet_id, author_id, inbound, created_at, text,
// response_tweet_id, in_response_to_tweet_id (pandas may prepend an unnamed index column and write
// ids as floats, "3.0"). Quoted fields may hold commas, quotes and newlines; an unquoted field may
// hold a bare CR, so only LF (or CRLF) ends a record.

export interface TwcsTweet {
  tweetId: string;
  /** A brand handle for company tweets, an anonymised number for customers. */
  authorId: string;
  isInbound: boolean;
  createdAt: Date;
  text: string;
  responseTweetIds: string[];
  inResponseToTweetId?: string;
}

/** RFC 4180 records, except that a lone CR is field content rather than a line end. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let isQuoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else isQuoted = false;
      } else field += char;
      continue;
    }
    if (char === '"' && field === '' && !wasQuoted) {
      isQuoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** Twitter's "Tue Oct 31 22:10:47 +0000 2017". */
export function parseTwitterDate(value: string): Date {
  const match = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(
    value.trim(),
  );
  const month = match ? MONTHS[match[1] ?? ''] : undefined;
  if (!match || month === undefined) throw new Error(`not a Twitter date: "${value}"`);
  const [, , day, hh, mm, ss, sign, offH, offM, year] = match;
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const offset = (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) * 60_000;
  return new Date(utc - offset);
}

/** "3.0" → "3"; empty → undefined. */
function tweetId(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return undefined;
  return /^\d+\.0+$/.test(trimmed) ? trimmed.replace(/\.0+$/, '') : trimmed;
}

export function parseTwcsCsv(text: string): TwcsTweet[] {
  const [header, ...rows] = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the CSV has no ${name} column`);
    return index;
  };
  const at = {
    tweetId: column('tweet_id'),
    authorId: column('author_id'),
    inbound: column('inbound'),
    createdAt: column('created_at'),
    text: column('text'),
    responses: column('response_tweet_id'),
    inResponseTo: column('in_response_to_tweet_id'),
  };
  const tweets: TwcsTweet[] = [];
  for (const [line, row] of rows.entries()) {
    if (row.length === 1 && row[0] === '') continue; // blank line
    if (row.length !== header.length) {
      throw new Error(`record ${line + 2} has ${row.length} fields, the header ${header.length}`);
    }
    const id = tweetId(row[at.tweetId]);
    if (!id) throw new Error(`record ${line + 2} has no tweet_id`);
    const inResponseTo = tweetId(row[at.inResponseTo]);
    tweets.push({
      tweetId: id,
      authorId: (row[at.authorId] ?? '').trim(),
      isInbound: (row[at.inbound] ?? '').trim().toLowerCase() === 'true',
      createdAt: parseTwitterDate(row[at.createdAt] ?? ''),
      text: row[at.text] ?? '',
      responseTweetIds: (row[at.responses] ?? '')
        .split(',')
        .map((s) => tweetId(s))
        .filter((s): s is string => s !== undefined),
      ...(inResponseTo ? { inResponseToTweetId: inResponseTo } : {}),
    });
  }
  return tweets;
}
