import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';
import { isOpen, loadBusinessCalendar } from '../routing/index.ts';

/** Whether the account is inside its default business calendar (routing's; 24/7 when it has none). */
export async function isWithinBusinessHours(db: Kysely<DB>, accountId: string, at: Date): Promise<boolean> {
  const calendar = await loadBusinessCalendar(db, accountId);
  return isOpen(calendar, at.getTime());
}
