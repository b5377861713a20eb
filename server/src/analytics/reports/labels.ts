// Readable names for group keys: agents, teams, channels and labels by id.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { Dimension } from './filters.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function labelsFor(
  db: Kysely<DB>,
  accountId: string,
  dimension: Dimension | undefined,
  keys: string[],
): Promise<Map<string, string>> {
  const ids = keys.filter((k) => UUID.test(k));
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  if (dimension === 'agent') {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('m.account_id', '=', accountId)
      .where('u.id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  } else if (dimension === 'team') {
    const rows = await db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  } else if (dimension === 'channel') {
    const rows = await db
      .selectFrom('channels')
      .select(['id', 'name', 'provider'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, `${r.name} (${r.provider})`);
  } else if (dimension === 'label') {
    const rows = await db
      .selectFrom('labels')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
