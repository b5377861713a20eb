import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withDatabasePriority } from './pglite-dialect.ts';
import { openTestDatabase } from './testing.ts';

describe('embedded database: one connection, shared in order', () => {
  it('serves work under withDatabasePriority before work that was already waiting', async () => {
    const db = await openTestDatabase('pglite');
    try {
      const order: string[] = [];
      let release!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const isHolding = new Promise<void>((resolve) => {
        holding = resolve;
      });
      // A transaction holds the only connection until released.
      const holder = db.kysely.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        holding();
        await held;
        order.push('holder');
      });
      await isHolding;
      const background = [1, 2, 3].map((n) =>
        sql`SELECT ${n}::int AS n`.execute(db.kysely).then(() => order.push(`background ${n}`)),
      );
      const urgent = withDatabasePriority(() => sql`SELECT 0`.execute(db.kysely)).then(() =>
        order.push('urgent'),
      );
      release();
      await Promise.all([holder, urgent, ...background]);
      expect(order).toEqual(['holder', 'urgent', 'background 1', 'background 2', 'background 3']);
    } finally {
      await db.close();
    }
  });
});
