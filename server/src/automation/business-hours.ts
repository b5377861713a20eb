import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

/**
 * Whether the account is inside business hours. Accounts have no business calendar yet (routing
 * owns calendars; docs/sla.md), so every account is open 24/7 until one is stored.
 */
export async function isWithinBusinessHours(
  _db: Kysely<DB>,
  _accountId: string,
  _at: Date,
): Promise<boolean> {
  return true;
}
