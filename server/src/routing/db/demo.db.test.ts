import { describe, expect, it } from 'vitest';
import { seedDemoAccount } from '../../accounts/index.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { loadBusinessCalendar, loadSlaPolicy } from './calendars.ts';
import { seedRoutingDemo } from './demo.ts';

describe.each(testEngines())('routing demo seed (%s)', (engine) => {
  it('seeds teams, skills, a calendar, the default SLA policy and online agents, idempotently', async () => {
    const db = await openTestDatabase(engine);
    try {
      const { accountId } = await seedDemoAccount(db.kysely);
      const now = new Date('2026-03-02T09:00:00Z');
      await seedRoutingDemo(db.kysely, accountId, now);
      await seedRoutingDemo(db.kysely, accountId, now);
      const online = await db.kysely
        .selectFrom('agent_presence')
        .select('user_id')
        .where('account_id', '=', accountId)
        .where('status', '=', 'online')
        .execute();
      expect(online).toHaveLength(3);
      expect(
        await db.kysely.selectFrom('sla_policies').select('id').where('account_id', '=', accountId).execute(),
      ).toHaveLength(2);
      expect((await loadSlaPolicy(db.kysely, accountId)).policy.rules[0]?.targets.firstResponseMs).toBe(
        3_600_000,
      );
      expect((await loadBusinessCalendar(db.kysely, accountId)).timeZone).toBe('Europe/London');
      const members = await db.kysely
        .selectFrom('team_members')
        .select('user_id')
        .where('account_id', '=', accountId)
        .execute();
      expect(members).toHaveLength(4);
    } finally {
      await db.close();
    }
  });
});
