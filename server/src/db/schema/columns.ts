import type { ColumnType } from 'kysely';

// Column shapes shared by every table file: what a select returns, what an insert and an update take.
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string | T, string | T>;
export type BigId = ColumnType<number, never, never>;
/** bigint columns: PostgreSQL returns them as strings; read with Number(). */
export type BigNumber = ColumnType<string | number, number, number>;
