export { type ConnectOptions, connect, type Database, type Engine } from './connect.ts';
export { isUuid } from './ids.ts';
export { migrate, pendingMigrations } from './migrate.ts';
export { withDatabasePriority } from './pglite-dialect.ts';
export type * from './schema.ts';
