import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  kysely: Kysely<DB>;
  /** Suffix for notice channel names, so isolated schemas on one server never hear each other. */
  namespace: string;
  /** Run SQL that may hold several statements (migrations, admin scripts). */
  exec(text: string): Promise<void>;
  /**
   * Tell every process listening on `channel`. Inside a transaction on PostgreSQL the notice is
   * delivered at commit; the local process is told right away by the caller after commit.
   */
  notify(channel: string, payload: string): Promise<void>;
  /** Subscribe to notices from this and (on PostgreSQL) every other process. */
  listen(channel: string, onNotice: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  schema?: string;
}

const bigintAsNumber = (value: string) => Number.parseInt(value, 10);

export async function connect(options: ConnectOptions): Promise<Database> {
  return options.databaseUrl ? connectPostgres(options.databaseUrl, options) : connectPglite(options.dataDir);
}

async function connectPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return wrapPglite(await PGlite.create(dataDir ? { dataDir } : {}));
}

/** A Database over an open PGlite instance (tests load one from a template dump). */
export function wrapPglite(client: PGlite): Database & { pglite: PGlite } {
  const kysely = new Kysely<DB>({ dialect: pgliteDialect(client) });
  // One process owns a PGlite directory, so notices never need to leave it.
  const local = new EventEmitter();
  local.setMaxListeners(0);
  return {
    engine: 'pglite',
    pglite: client,
    kysely,
    namespace: '',
    exec: async (text) => {
      await sql.raw(text).execute(kysely);
    },
    notify: async (channel, payload) => {
      local.emit(channel, payload);
    },
    listen: async (channel, onNotice) => {
      local.on(channel, onNotice);
      return async () => {
        local.off(channel, onNotice);
      };
    },
    close: () => kysely.destroy(),
  };
}

async function connectPostgres(url: string, options: ConnectOptions): Promise<Database> {
  const searchPath = options.schema ? { options: `-c search_path=${options.schema}` } : {};
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? bigintAsNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, ...searchPath });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.Client | null = null;

  const ensureListenClient = async (): Promise<pg.Client> => {
    if (listenClient) return listenClient;
    const client = new pg.Client({ connectionString: url, ...searchPath });
    await client.connect();
    client.on('notification', (message) => {
      for (const fn of listeners.get(message.channel) ?? []) fn(message.payload ?? '');
    });
    client.on('error', () => {
      listenClient = null;
    });
    listenClient = client;
    return client;
  };

  return {
    engine: 'postgres',
    kysely,
    namespace: options.schema ? `_${options.schema}` : '',
    exec: async (text) => {
      await pool.query(text);
    },
    notify: async (channel, payload) => {
      await sql`SELECT pg_notify(${channel}, ${payload})`.execute(kysely);
    },
    listen: async (channel, onNotice) => {
      const client = await ensureListenClient();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onNotice);
      return async () => {
        set.delete(onNotice);
      };
    },
    close: async () => {
      await listenClient?.end().catch(() => undefined);
      listenClient = null;
      await kysely.destroy();
    },
  };
}
