// Replays a Customer Support on Twitter file into a real Parley through the platform simulator and
// checks the threading: every customer tweet and brand reply in the conversation its reply chain
// leads to, none lost or doubled. Prints one JSON line.
//   npx tsx bench/replay-twcs.ts [--data ../shared/data] [--file twcs/…csv] [--speedup N] [--port 3390]

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  assignBrands,
  brandUserId,
  compareGrouping,
  expectedConversations,
  parseTwcsCsv,
  replayOrder,
  replayTweets,
  type SimulatedChannel,
  Simulator,
} from '../server/src/simulator/index.ts';
import { freshTarget, seedAdmin, signIn, startServer } from './lib/server-process.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(ROOT, '../shared/data') },
    file: { type: 'string', default: 'twcs/twcs_first5000_monalisapatra26.csv' },
    speedup: { type: 'string', default: 'Infinity' },
    port: { type: 'string', default: '3390' },
    dump: { type: 'string' },
  },
});

const csvPath = resolve(values.data, values.file);
const tweets = parseTwcsCsv(readFileSync(csvPath, 'utf8'));
const brandOf = assignBrands(tweets);
const ordered = replayOrder(tweets);
const expected = expectedConversations(ordered, brandOf);
const brands = [...new Set(brandOf.values())].sort();

const target = await freshTarget('pglite', Number(values.port));
const password = seedAdmin(target, 'replay@bench.test');
const server = await startServer(target);
const simulator = new Simulator({ port: 0 });
await simulator.start();
try {
  const cookie = await signIn(server.baseUrl, 'replay@bench.test', password);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  // One X channel per brand handle, each its own brand account (for_user_id).
  const channels = new Map<string, SimulatedChannel>();
  for (const brand of brands) {
    const secret = `consumer-secret-${brand}`;
    const settings = { userId: brandUserId(brand), apiBaseUrl: simulator.xBaseUrl() };
    const created = await call<{ id: string }>('POST', '/api/v1/channels', {
      provider: 'x',
      name: `@${brand}`,
      settings,
      secrets: { signingSecret: secret, accessToken: `token-${brand}` },
    });
    const channel: SimulatedChannel = {
      provider: 'x',
      channelId: created.id,
      signingSecret: secret,
      accessToken: `token-${brand}`,
      parleyUrl: server.baseUrl,
      userId: settings.userId,
      handle: brand,
    };
    simulator.addChannel(channel);
    channels.set(brand, channel);
  }

  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'replay {bar} {value}/{total}' });
  bar.start(ordered.length, 0);
  const started = performance.now();
  const replay = await replayTweets(ordered, {
    webhooks: simulator.webhooks,
    brandOf,
    channelFor: (brand) => {
      const channel = channels.get(brand);
      if (!channel) throw new Error(`no channel for ${brand}`);
      return channel;
    },
    speedup: Number(values.speedup),
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  const replaySeconds = (performance.now() - started) / 1000;

  await waitUntilProcessed(server.baseUrl);
  const processedSeconds = (performance.now() - started) / 1000;

  // Read back every conversation through the API, messages in the order Parley shows them.
  const found: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await call(
      'GET',
      `/api/v1/conversations?limit=200&cases=all${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.items) {
      const detail = await call<{ messages: { externalId: string | null }[] }>(
        'GET',
        `/api/v1/conversations/${item.id}`,
      );
      found.push(detail.messages.map((m) => m.externalId ?? ''));
    }
    cursor = page.nextCursor;
  } while (cursor);
  const dead = await call<{ items?: unknown[] } | unknown[]>('GET', '/api/v1/inbound-events/dead');
  const deadCount = Array.isArray(dead) ? dead.length : (dead.items?.length ?? 0);

  if (values.dump) {
    const conversationIds = found.map((_, i) => i);
    writeFileSync(values.dump, JSON.stringify({ expected: expected.conversations, found, conversationIds }));
  }
  const comparison = compareGrouping(expected, found, new Set(tweets.map((t) => t.tweetId)));
  process.stdout.write(
    `${JSON.stringify({
      file: values.file,
      tweets: tweets.length,
      brands: brands.length,
      ...comparison,
      webhooks_refused: replay.refused.length,
      events_dead: deadCount,
      replay_s: Number(replaySeconds.toFixed(1)),
      processed_s: Number(processedSeconds.toFixed(1)),
      tweets_per_s: Number((tweets.length / processedSeconds).toFixed(0)),
    })}\n`,
  );
} finally {
  await simulator.stop();
  await server.stop();
}

/** Until every received event is processed or parked (Prometheus counters on /metrics). */
async function waitUntilProcessed(baseUrl: string): Promise<void> {
  const sum = (text: string, name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .reduce((total, line) => total + Number(line.split(' ').pop()), 0);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const received = sum(text, 'parley_inbound_events_received_total');
    const settled =
      sum(text, 'parley_inbound_events_processed_total') +
      sum(text, 'parley_inbound_events_dead_total') +
      sum(text, 'parley_inbound_events_duplicate_total');
    if (received > 0 && settled >= received) return;
    if (Date.now() > deadline) throw new Error(`inbound not drained: ${settled}/${received}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
