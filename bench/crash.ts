// bench:crash — SIGKILL the server in the middle of a burst of signed events while the sender
// retries everything not answered 200 (as platforms do); restart it; count the messages.
// Nothing may be lost and nothing doubled.
import { SingleBar } from 'cli-progress';
import {
  createApiChannel,
  dropTarget,
  freshTarget,
  messageBody,
  postSigned,
  type ServerHandle,
  seedAdmin,
  signIn,
  startServer,
} from './lib/server-process.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const KILL_AFTER = Math.floor(EVENTS * 0.35);
const engine = (process.env.BENCH_ENGINE ?? 'postgres') as 'postgres' | 'pglite';

async function countMessages(baseUrl: string, cookie: string): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const url: string = `${baseUrl}/api/v1/conversations?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(url, { headers: { cookie } });
    const page = (await res.json()) as { items: { messageCount: number }[]; nextCursor: string | null };
    total += page.items.reduce((sum, c) => sum + c.messageCount, 0);
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

const target = await freshTarget(engine, 3950);
const password = seedAdmin(target, 'crash@parley.test');
let server: ServerHandle = await startServer(target);
const baseUrl = server.baseUrl;
const cookie = await signIn(baseUrl, 'crash@parley.test', password);
const channel = await createApiChannel(baseUrl, cookie);
const runId = `crash${Date.now()}`;

const bar = new SingleBar({ format: 'acknowledged [{bar}] {value}/{total} {phase}', stream: process.stderr });
bar.start(EVENTS, 0, { phase: '' });
let acked = 0;
let retries = 0;
let killedAt = -1;
let restarting: Promise<void> | null = null;
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (let i = next++; i < EVENTS; i = next++) {
      for (;;) {
        const { status } = await postSigned(baseUrl, channel, messageBody(i, 500, runId), 3000);
        if (status === 200) break;
        retries++;
        await (restarting ?? new Promise((r) => setTimeout(r, 50)));
      }
      acked++;
      bar.update(acked);
      if (acked === KILL_AFTER && killedAt < 0) {
        killedAt = acked;
        bar.update(acked, { phase: '(SIGKILL, restarting)' });
        restarting = (async () => {
          await server.stop('SIGKILL');
          server = await startServer(target);
          bar.update(acked, { phase: '(restarted)' });
          restarting = null;
        })();
      }
    }
  }),
);
bar.stop();

// Wait for the queue to drain: the count must reach EVENTS, and then stay there.
const deadline = Date.now() + 300_000;
const freshCookie = await signIn(server.baseUrl, 'crash@parley.test', password);
let stored = await countMessages(server.baseUrl, freshCookie);
while (stored < EVENTS && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 500));
  stored = await countMessages(server.baseUrl, freshCookie);
}
await new Promise((r) => setTimeout(r, 2000));
const finalCount = await countMessages(server.baseUrl, freshCookie);
await server.stop();
await dropTarget(target);
const result = {
  engine,
  events_sent: EVENTS,
  killed_after_acks: killedAt,
  sender_retries: retries,
  messages_stored: finalCount,
  lost: Math.max(0, EVENTS - finalCount),
  doubled: Math.max(0, finalCount - EVENTS),
  ok: finalCount === EVENTS,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(result.ok ? 0 : 1);
