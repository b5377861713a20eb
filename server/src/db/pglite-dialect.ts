import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';

const priority = new AsyncLocalStorage<true>();

/**
 * Run `fn` ahead of queued work for the embedded database's one connection: webhook storage waits
 * for the statement or transaction in progress, never behind every background job queued after it.
 * On PostgreSQL (a pool) it only runs `fn`.
 */
export function withDatabasePriority<T>(fn: () => Promise<T>): Promise<T> {
  return priority.run(true, fn);
}

/**
 * Kysely driver for embedded PGlite. PGlite is one connection, so the driver hands it to one
 * holder at a time: without that, two concurrent transactions would interleave their statements.
 * Waiters are served in order, those under `withDatabasePriority` first.
 */
class PGliteDriver implements Driver {
  #isHeld = false;
  readonly #waiting: (() => void)[] = [];
  readonly #waitingFirst: (() => void)[] = [];

  constructor(private readonly client: PGlite) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#isHeld) {
      // The releaser hands the connection straight to the next waiter: it stays held throughout.
      await new Promise<void>((resolve) =>
        (priority.getStore() ? this.#waitingFirst : this.#waiting).push(resolve),
      );
    } else this.#isHeld = true;
    return new PGliteConnection(this.client);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'BEGIN', parameters: [] } as unknown as CompiledQuery);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'COMMIT', parameters: [] } as unknown as CompiledQuery);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'ROLLBACK', parameters: [] } as unknown as CompiledQuery);
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waitingFirst.shift() ?? this.#waiting.shift();
    if (next) next();
    else this.#isHeld = false;
  }

  async destroy(): Promise<void> {
    await this.acquireConnection(); // after everyone already waiting
    await this.client.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Parameterless SQL may hold several statements (migrations); PGlite runs those through exec.
    const result =
      compiled.parameters.length === 0
        ? ((await this.client.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

export function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
