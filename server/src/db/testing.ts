import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Database, type Engine } from './connect.ts';
import { migrate } from './migrate.ts';

/** Engines every database suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Connection options for a second process-like connection to the same database. */
  connectOptions: { databaseUrl?: string; schema?: string };
}

/** A fresh, migrated database: in-memory PGlite, or a new schema on the test PostgreSQL server. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await connect({});
    await migrate(db);
    return { ...db, connectOptions: {} };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await connect({ databaseUrl: url, schema, poolSize: 8 });
  await migrate(db);
  return {
    ...db,
    connectOptions: { databaseUrl: url, schema },
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
