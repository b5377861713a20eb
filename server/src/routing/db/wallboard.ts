// Teams with members, and the agents' wallboard: presence, teams, skills, capacity and load.
import type { Kysely } from 'kysely';
import type { DB, PresenceStatus } from '../../db/index.ts';
import { loadCounts } from './agents.ts';
import { effectiveSettings, loadAccountRoutingSettings } from './settings.ts';

export interface AgentBoardRow {
  id: string;
  name: string;
  email: string;
  role: string;
  presence: { status: PresenceStatus; setBy: string; changedAt: string | null; lastActiveAt: string | null };
  teamIds: string[];
  skills: { skill: string; proficiency: number }[];
  /** Configured capacity per kind of work (the account default when none is set). */
  capacity: Record<string, number>;
  isDefaultCapacity: boolean;
  load: Record<string, number>;
}

export async function listAgentBoard(db: Kysely<DB>, accountId: string): Promise<AgentBoardRow[]> {
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('agent_presence as p', (join) =>
      join.onRef('p.user_id', '=', 'm.user_id').onRef('p.account_id', '=', 'm.account_id'),
    )
    .select([
      'u.id',
      'u.name',
      'u.email',
      'm.role',
      'p.status',
      'p.set_by',
      'p.changed_at',
      'p.last_active_at',
    ])
    .where('m.account_id', '=', accountId)
    .orderBy('u.name')
    .execute();
  const ids = members.map((m) => m.id);
  if (ids.length === 0) return [];
  const defaults = effectiveSettings(await loadAccountRoutingSettings(db, accountId)).defaultCapacity;
  const [teams, skills, capacity, loads] = await Promise.all([
    db
      .selectFrom('team_members')
      .select(['user_id', 'team_id'])
      .where('account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('agent_skills')
      .select(['user_id', 'skill', 'proficiency'])
      .where('account_id', '=', accountId)
      .orderBy('skill')
      .execute(),
    db
      .selectFrom('agent_capacity')
      .select(['user_id', 'work_kind', 'max_open'])
      .where('account_id', '=', accountId)
      .execute(),
    loadCounts(db, accountId, ids),
  ]);
  return members.map((m) => {
    const own = capacity.filter((c) => c.user_id === m.id);
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      presence: {
        status: m.status ?? 'offline',
        setBy: m.set_by ?? 'system',
        changedAt: m.changed_at?.toISOString() ?? null,
        lastActiveAt: m.last_active_at?.toISOString() ?? null,
      },
      teamIds: teams.filter((t) => t.user_id === m.id).map((t) => t.team_id),
      skills: skills
        .filter((s) => s.user_id === m.id)
        .map((s) => ({ skill: s.skill, proficiency: s.proficiency })),
      capacity:
        own.length > 0 ? Object.fromEntries(own.map((c) => [c.work_kind, c.max_open])) : { ...defaults },
      isDefaultCapacity: own.length === 0,
      load: loads.get(m.id) ?? {},
    };
  });
}

export async function listTeamsWithMembers(db: Kysely<DB>, accountId: string) {
  const teams = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
  const members = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('account_id', '=', accountId)
    .orderBy('user_id')
    .execute();
  return teams.map((t) => ({
    ...t,
    memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id),
  }));
}
