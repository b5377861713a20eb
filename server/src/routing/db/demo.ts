// Routing for the demo account (`parley serve --demo`): teams with members, skills, a business-hours
// calendar, the default SLA policy, and the agents online, so new simulator traffic is
// assigned and SLA clocks run as soon as the server starts. Idempotent.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { DEFAULT_SLA_POLICY } from '../core.ts';
import { setPresence } from './presence.ts';
import { saveRoutingSettings } from './settings.ts';

export async function seedRoutingDemo(db: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const members = await trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'm.role'])
      .where('m.account_id', '=', accountId)
      .orderBy('u.email')
      .execute();
    const agents = members.filter((m) => m.role === 'agent');
    const hasPolicy = await trx
      .selectFrom('sla_policies')
      .select('id')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!hasPolicy) {
      const calendar = await trx
        .insertInto('business_calendars')
        .values({
          account_id: accountId,
          name: 'UK support hours',
          time_zone: 'Europe/London',
          periods: JSON.stringify([
            ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
            { weekday: 6, start: '10:00', end: '16:00' },
          ]),
          holidays: JSON.stringify(['2026-12-25', '2026-12-26', '2027-01-01']),
          special_days: JSON.stringify([{ date: '2026-12-24', periods: [{ start: '08:00', end: '13:00' }] }]),
          is_default: true,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The defaults (around the clock), plus an email-style policy on office hours to show calendars.
      await trx
        .insertInto('sla_policies')
        .values([
          {
            account_id: accountId,
            name: DEFAULT_SLA_POLICY.name,
            calendar_id: null,
            at_risk_share: DEFAULT_SLA_POLICY.atRiskShare,
            priority_factors: JSON.stringify(DEFAULT_SLA_POLICY.priorityFactors),
            rules: JSON.stringify(DEFAULT_SLA_POLICY.rules),
            is_default: true,
            updated_at: now,
          },
          {
            account_id: accountId,
            name: 'Office hours (email)',
            calendar_id: calendar.id,
            at_risk_share: 0.75,
            priority_factors: JSON.stringify(DEFAULT_SLA_POLICY.priorityFactors),
            rules: JSON.stringify([
              {
                name: 'Email',
                match: {},
                targets: {
                  firstResponseMs: 8 * 3_600_000,
                  nextResponseMs: 8 * 3_600_000,
                  resolutionMs: 40 * 3_600_000,
                },
              },
            ]),
            is_default: false,
            updated_at: now,
          },
        ])
        .execute();
      const teams = await trx
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('account_id', '=', accountId)
        .execute();
      const social =
        teams.find((t) => t.name === 'Social care') ??
        (await trx
          .insertInto('teams')
          .values({ account_id: accountId, name: 'Social care' })
          .returning(['id', 'name'])
          .executeTakeFirstOrThrow());
      const vip = await trx
        .insertInto('teams')
        .values({ account_id: accountId, name: 'VIP desk' })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (agents.length > 0) {
        await trx
          .insertInto('team_members')
          .values([
            ...agents.map((a) => ({ account_id: accountId, team_id: social.id, user_id: a.id })),
            { account_id: accountId, team_id: vip.id, user_id: agents[0]!.id },
          ])
          .onConflict((oc) => oc.doNothing())
          .execute();
        const skills = [
          { english: 5, french: 4, vip: 5, billing: 3 },
          { english: 5, spanish: 4, delivery: 4 },
          { english: 4, french: 2, returns: 5 },
        ];
        await trx
          .insertInto('agent_skills')
          .values(
            agents.flatMap((a, i) =>
              Object.entries(skills[i % skills.length]!).map(([skill, proficiency]) => ({
                account_id: accountId,
                user_id: a.id,
                skill,
                proficiency,
              })),
            ),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // Nobody sends heartbeats in the demo: keep the seeded agents online for a week of idling.
      await saveRoutingSettings(
        trx,
        accountId,
        'account',
        null,
        { strategy: { name: 'least_loaded' }, awayAfterMinutes: 10_080, offlineAfterMinutes: 10_080 },
        now,
      );
      await saveRoutingSettings(trx, accountId, 'team', vip.id, { strategy: { name: 'skills_based' } }, now);
    }
    for (const agent of agents)
      await setPresence(trx, { accountId, userId: agent.id, status: 'online', setBy: 'system', now });
  });
}
