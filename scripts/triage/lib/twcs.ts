import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv.ts';

export interface TwcsTweet {
  id: string;
  authorId: string;
  isInbound: boolean;
  createdAt: number;
  text: string;
  inResponseTo?: string;
}

export interface ReplyCase {
  brand: string;
  createdAt: number;
  customerText: string;
  replyText: string;
}

/**
 * Reads the pandas-written twcs sample (leading unnamed index column, float parent ids like "3.0").
 * Our CSV parser only ends records on LF, so the bare CR in tweet 3399 stays inside its text.
 */
export function loadTwcs(dataDir: string): TwcsTweet[] {
  const rows = parseCsv(readFileSync(join(dataDir, 'twcs', 'twcs_first5000_monalisapatra26.csv'), 'utf8'));
  const header = rows[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const [id, author, inbound, created, text, parent] = [
    col('tweet_id'),
    col('author_id'),
    col('inbound'),
    col('created_at'),
    col('text'),
    col('in_response_to_tweet_id'),
  ];
  return rows
    .slice(1)
    .filter((r) => r.length === header.length)
    .map((r) => ({
      id: r[id]!,
      authorId: r[author]!,
      isInbound: r[inbound] === 'True',
      createdAt: Date.parse(r[created]!),
      text: r[text]!,
      inResponseTo: r[parent] ? String(Math.trunc(Number(r[parent]))) : undefined,
    }));
}

/** Customer tweet → first brand reply to it, one case per customer tweet. */
export function replyCases(tweets: TwcsTweet[]): ReplyCase[] {
  const byId = new Map(tweets.map((t) => [t.id, t]));
  const cases = new Map<string, ReplyCase & { replyAt: number }>();
  for (const reply of tweets) {
    if (reply.isInbound || !reply.inResponseTo) continue;
    const customer = byId.get(reply.inResponseTo);
    if (!customer?.isInbound) continue;
    const existing = cases.get(customer.id);
    if (existing && existing.replyAt <= reply.createdAt) continue;
    cases.set(customer.id, {
      replyAt: reply.createdAt,
      brand: reply.authorId,
      createdAt: customer.createdAt,
      customerText: customer.text,
      replyText: reply.text,
    });
  }
  return [...cases.values()].map(({ replyAt: _, ...c }) => c);
}

/** Per brand, by customer time: the last `fraction` is held out, the rest is the brand's history. */
export function splitByTimePerBrand(cases: ReplyCase[], fraction: number) {
  const byBrand = new Map<string, ReplyCase[]>();
  for (const c of cases) byBrand.set(c.brand, [...(byBrand.get(c.brand) ?? []), c]);
  const out: { brand: string; history: ReplyCase[]; heldOut: ReplyCase[] }[] = [];
  for (const [brand, list] of [...byBrand].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.createdAt - b.createdAt);
    const cut = list.length - Math.floor(list.length * fraction);
    out.push({ brand, history: list.slice(0, cut), heldOut: list.slice(cut) });
  }
  return out;
}
