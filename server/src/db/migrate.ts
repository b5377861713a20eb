import { sql } from 'kysely';
import type { Database } from './connect.ts';
import { migrations } from './migrations/index.ts';

// Any fixed number works; every Parley process agrees on it so only one migrates at a time.
const MIGRATION_LOCK_ID = 7_330_101;

/** What a migration's code step may need besides SQL (e.g. the key that seals stored secrets). */
export interface MigrationEnv {
  secretKey?: string;
}

/**
 * Apply pending migrations under a session advisory lock so several processes starting at once
 * migrate exactly once; the others wait, then find nothing to do.
 */
export async function migrate(db: Database, env: MigrationEnv = {}): Promise<string[]> {
  return db.kysely.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS parley_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = await sql<{ name: string }>`SELECT name FROM parley_migrations`.execute(conn);
      const applied = new Set(done.rows.map((r) => r.name));
      const ran: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await migration.run?.(trx, env);
          await sql`INSERT INTO parley_migrations (name) VALUES (${migration.name})`.execute(trx);
        });
        ran.push(migration.name);
      }
      return ran;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(conn);
    }
  });
}

/** Names of migrations this build knows but the database has not applied. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const exists = await sql<{
    present: boolean;
  }>`SELECT to_regclass('parley_migrations') IS NOT NULL AS present`.execute(db.kysely);
  if (!exists.rows[0]?.present) return migrations.map((m) => m.name);
  const done = await sql<{ name: string }>`SELECT name FROM parley_migrations`.execute(db.kysely);
  const applied = new Set(done.rows.map((r) => r.name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
