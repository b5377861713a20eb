import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { migrate, pendingMigrations } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './testing.ts';

describe.each(testEngines())('database on %s', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has applied every migration and a second run does nothing', async () => {
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
  });

  it('runs concurrent transactions without interleaving them', async () => {
    await db.exec('CREATE TABLE counter_test (n integer NOT NULL)');
    await db.kysely
      .insertInto('accounts')
      .values({ name: 'A', slug: `a-${engine}`, settings: '{}' })
      .execute();
    const bump = () =>
      db.kysely.transaction().execute(async (trx) => {
        const row = await sql<{ n: number }>`SELECT coalesce(max(n), 0) AS n FROM counter_test`.execute(trx);
        await sql`INSERT INTO counter_test (n) VALUES (${(row.rows[0]?.n ?? 0) + 1})`.execute(trx);
      });
    if (engine === 'pglite') {
      await Promise.all(Array.from({ length: 20 }, bump));
      const result = await sql<{ n: number }>`SELECT max(n) AS n FROM counter_test`.execute(db.kysely);
      expect(result.rows[0]?.n).toBe(20);
    }
    const count = await sql<{ c: number }>`SELECT count(*) AS c FROM accounts`.execute(db.kysely);
    expect(typeof count.rows[0]?.c).toBe('number');
  });

  it('delivers notices to listeners', async () => {
    let deliver: (payload: string) => void = () => undefined;
    const received = new Promise<string>((resolve) => {
      deliver = resolve;
    });
    const stop = await db.listen(`test${db.namespace}`, (payload) => deliver(payload));
    await db.notify(`test${db.namespace}`, 'hello');
    expect(await received).toBe('hello');
    await stop();
  });
});

describe('concurrent migration', () => {
  it.runIf(process.env.TEST_DATABASE_URL)('migrates once when several processes start together', async () => {
    const db = await openTestDatabase('postgres');
    try {
      // Empty the test schema, so every migration is pending again.
      const schema = db.connectOptions.schema;
      await db.exec(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      const others = await Promise.all(
        [1, 2, 3, 4].map(() => connect({ ...db.connectOptions, poolSize: 2 })),
      );
      const ran = await Promise.all(others.map((o) => migrate(o)));
      expect(ran.flat()).toEqual(migrations.map((m) => m.name));
      await Promise.all(others.map((o) => o.close()));
    } finally {
      await db.close();
    }
  });
});
