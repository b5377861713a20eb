// The stored path of listening: posts through the ingest worker (parse the X v2 format, match 1,000
// monitors, triage, write mentions, links and engagement readings) into an in-memory PGlite.
import { createAccount } from '../server/src/accounts/index.ts';
import { connect, migrate } from '../server/src/db/index.ts';
import {
  buildListeningDelivery,
  DEFAULT_BRAND,
  ListeningService,
  type MonitorDefinition,
  simulatePosts,
} from '../server/src/listening/index.ts';
import { createMailer } from '../server/src/mail/index.ts';
import { loadTriageModels } from '../server/src/triage/index.ts';

const PAGE = 100;

export async function measureStoredPath(monitors: MonitorDefinition[], postCount: number) {
  const db = await connect({});
  await migrate(db);
  try {
    const account = await createAccount(db.kysely, { name: 'Bench', slug: `bench-${Date.now()}` });
    const channel = await db.kysely
      .insertInto('channels')
      .values({
        account_id: account.id,
        provider: 'x',
        name: 'Bench X',
        credentials_encrypted: '-',
        settings: '{}',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const brand = DEFAULT_BRAND.name.toLowerCase();
    const rows = [
      { name: 'Orbly', query: `${brand} OR @${DEFAULT_BRAND.handle} OR #${DEFAULT_BRAND.hashtag}*` },
      ...monitors.slice(0, monitors.length - 1).map((m) => ({ name: m.id, query: m.query })),
    ];
    await db.kysely
      .insertInto('listening_monitors')
      .values(
        rows.map((r) => ({
          account_id: account.id,
          name: r.name,
          query: r.query,
          alert_emails: '[]',
          updated_at: new Date(),
        })),
      )
      .execute();
    const { posts } = simulatePosts({ seed: 11, start: Date.UTC(2026, 0, 5), days: 3 });
    const sample = posts.slice(0, postCount);
    let handleIds = 0;
    const authorIds = new Map<string, string>();
    const deliveries = [];
    for (let i = 0; i < sample.length; i += PAGE) {
      const page = sample.slice(i, i + PAGE).map((p, k) => {
        const handle = p.author.handle.replace(/^@/, '');
        if (!authorIds.has(handle)) authorIds.set(handle, String(++handleIds));
        return {
          id: String(1_000_000 + i + k),
          text: p.text,
          createdAt: new Date(p.at),
          lang: p.language,
          author: { id: authorIds.get(handle) ?? '0', username: handle, followers: p.author.followers },
        };
      });
      deliveries.push({
        account_id: account.id,
        channel_id: channel.id,
        event_key: `bench-${i}`,
        body: JSON.stringify(buildListeningDelivery(page, 'search')),
      });
    }
    await db.kysely.insertInto('listening_deliveries').values(deliveries).execute();
    const service = new ListeningService({
      db,
      clock: () => new Date(),
      models: loadTriageModels(),
      mailer: createMailer({ from: 'bench@parley.test' }),
      reopenWindowDays: 7,
      onPublished: () => undefined,
      onError: (error) => {
        throw error;
      },
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while ((await service.ingest.processBatch()) > 0) {
      process.stderr.write('.');
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    process.stderr.write('\n');
    const stored = await db.kysely
      .selectFrom('listening_mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      posts: sample.length,
      mentionsStored: Number(stored.n),
      postsPerSecond: sample.length / seconds,
      postsPerCpuSecond: sample.length / ((cpu.user + cpu.system) / 1e6),
      monitors: rows.length,
    };
  } finally {
    await db.close();
  }
}
