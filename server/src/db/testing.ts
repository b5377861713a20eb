import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { connect, type Database, type Engine, wrapPglite } from './connect.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

/**
 * A migrated PGlite data directory, dumped once per set of migrations and shared by every test
 * file: loading it takes a fraction of creating and migrating a fresh database.
 */
async function pgliteTemplate(): Promise<Blob> {
  const key = createHash('sha256')
    .update(migrations.map((m) => m.name + m.sql).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const path = join(tmpdir(), `parley-pglite-template-${key}.tar`);
  if (!existsSync(path)) {
    const db = await connect({});
    await migrate(db);
    const client = (db as Database & { pglite?: PGlite }).pglite;
    if (!client) throw new Error('expected a PGlite database');
    const dump = await client.dumpDataDir('none');
    await db.close();
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  }
  return new Blob([readFileSync(path)]);
}

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
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    const db = wrapPglite(client);
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
