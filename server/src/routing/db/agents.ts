// Agents as routing sees them: presence, teams, skills, capacity and current load, read from the
// database. `lockAgents` takes the account's presence rows in id order before any assignment, so
// two assigners never count the same agent's load at once (capacity holds under concurrency).
import { type Kysely, sql } from 'kysely';
import type { DB, PresenceStatus } from '../../db/index.ts';
import type { AgentSnapshot } from '../core.ts';
import { type AccountRoutingSettings, effectiveSettings, settingsFromRows } from './settings.ts';

/** Conversations that occupy an agent's capacity. */
export const LOAD_STATUSES = ['new', 'open', 'pending'] as const;

/** The kind of work of a conversation row (stored, else public → social, private → chat). */
export const workKindSql = sql<string>`coalesce(c.work_kind, CASE WHEN c.is_public THEN 'social' ELSE 'chat' END)`;

/** Lock every presence row of the account, in id order (call before any activity is appended). */
export async function lockAgents(trx: Kysely<DB>, accountId: string): Promise<void> {
  await trx
    .selectFrom('agent_presence')
    .select('user_id')
    .where('account_id', '=', accountId)
    .orderBy('user_id')
    .forUpdate()
    .execute();
}

/** Open conversations per agent and kind of work. */
export async function loadCounts(
  db: Kysely<DB>,
  accountId: string,
  agentIds: string[],
): Promise<Map<string, Record<string, number>>> {
  const loads = new Map<string, Record<string, number>>();
  if (agentIds.length === 0) return loads;
  const rows = await db
    .selectFrom('conversations as c')
    .select(['c.assignee_id', workKindSql.as('kind'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('c.account_id', '=', accountId)
    .where('c.assignee_id', 'in', agentIds)
    .where('c.status', 'in', [...LOAD_STATUSES])
    .groupBy(['c.assignee_id', workKindSql])
    .execute();
  for (const row of rows) {
    if (!row.assignee_id) continue;
    const load = loads.get(row.assignee_id) ?? {};
    load[row.kind] = Number(row.n);
    loads.set(row.assignee_id, load);
  }
  return loads;
}

/**
 * Snapshots of the account's agents with a presence row (only `statuses`, default all), with
 * teams, skills, capacity (the account default when an agent has none) and load.
 */
export async function loadAgentSnapshots(
  db: Kysely<DB>,
  accountId: string,
  defaultCapacity: Record<string, number>,
  options: { statuses?: PresenceStatus[]; userIds?: string[] } = {},
): Promise<AgentSnapshot[]> {
  let query = db
    .selectFrom('agent_presence as p')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 'p.user_id').onRef('m.account_id', '=', 'p.account_id'),
    )
    .select(['p.user_id', 'p.status', 'p.last_assigned_at'])
    .where('p.account_id', '=', accountId);
  if (options.statuses) query = query.where('p.status', 'in', options.statuses);
  if (options.userIds) {
    if (options.userIds.length === 0) return [];
    query = query.where('p.user_id', 'in', options.userIds);
  }
  const agents = await query.orderBy('p.user_id').execute();
  if (agents.length === 0) return [];
  const ids = agents.map((a) => a.user_id);
  const [teams, skills, capacity, loads] = await Promise.all([
    db
      .selectFrom('team_members')
      .select(['user_id', 'team_id'])
      .where('account_id', '=', accountId)
      .where('user_id', 'in', ids)
      .execute(),
    db
      .selectFrom('agent_skills')
      .select(['user_id', 'skill', 'proficiency'])
      .where('account_id', '=', accountId)
      .where('user_id', 'in', ids)
      .execute(),
    db
      .selectFrom('agent_capacity')
      .select(['user_id', 'work_kind', 'max_open'])
      .where('account_id', '=', accountId)
      .where('user_id', 'in', ids)
      .execute(),
    loadCounts(db, accountId, ids),
  ]);
  return agents.map((agent) => {
    const own = capacity.filter((c) => c.user_id === agent.user_id);
    return {
      id: agent.user_id,
      presence: agent.status,
      teamIds: teams.filter((t) => t.user_id === agent.user_id).map((t) => t.team_id),
      skills: Object.fromEntries(
        skills.filter((s) => s.user_id === agent.user_id).map((s) => [s.skill, s.proficiency]),
      ),
      capacity:
        own.length > 0
          ? Object.fromEntries(own.map((c) => [c.work_kind, c.max_open]))
          : { ...defaultCapacity },
      load: loads.get(agent.user_id) ?? {},
      lastAssignedAt: agent.last_assigned_at?.getTime() ?? null,
    };
  });
}

/**
 * Lock the account's presence rows (id order) and return its online agents' snapshots, the
 * round-robin cursors and the account's routing settings, in two queries: routing's hot path.
 * Loads are counted by the second statement, after the locks are held, so they include every
 * assignment committed by an assigner this one waited for.
 */
export async function lockAndLoadOnlineAgents(
  trx: Kysely<DB>,
  accountId: string,
): Promise<{ agents: AgentSnapshot[]; cursors: Record<string, string>; settings: AccountRoutingSettings }> {
  const presence = await sql<{ user_id: string; status: PresenceStatus; last_assigned_at: Date | null }>`
    SELECT p.user_id, p.status, p.last_assigned_at
    FROM agent_presence p
    JOIN memberships m ON m.user_id = p.user_id AND m.account_id = p.account_id
    WHERE p.account_id = ${accountId}
    ORDER BY p.user_id
    FOR UPDATE OF p`.execute(trx);
  const online = presence.rows.filter((r) => r.status === 'online');
  const onlineIds = online.map((a) => a.user_id);
  const loadsOfOnline =
    onlineIds.length === 0
      ? sql``
      : sql`UNION ALL SELECT 'load', c.assignee_id::text, ${workKindSql}, count(*)::int, NULL FROM conversations c
        WHERE c.account_id = ${accountId} AND c.assignee_id IN (${sql.join(onlineIds)})
          AND c.status IN ('new', 'open', 'pending')
        GROUP BY c.assignee_id, ${workKindSql}`;
  const details = await sql<{ k: string; user_id: string | null; a: string; b: number | null; j: unknown }>`
    SELECT 'team' AS k, user_id::text AS user_id, team_id::text AS a, NULL::int AS b, NULL::jsonb AS j
      FROM team_members WHERE account_id = ${accountId}
    UNION ALL SELECT 'skill', user_id::text, skill, proficiency, NULL FROM agent_skills WHERE account_id = ${accountId}
    UNION ALL SELECT 'capacity', user_id::text, work_kind, max_open, NULL FROM agent_capacity WHERE account_id = ${accountId}
    UNION ALL SELECT 'cursor', agent_id::text, key, NULL, NULL FROM routing_cursors WHERE account_id = ${accountId}
    UNION ALL SELECT 'settings', scope_id::text, scope, NULL, settings FROM routing_settings WHERE account_id = ${accountId}
    ${loadsOfOnline}`.execute(trx);
  const cursors: Record<string, string> = {};
  const settingsRows: { scope: string; scope_id: string | null; settings: unknown }[] = [];
  const loads = new Map<string, Record<string, number>>();
  const byUser = new Map<
    string,
    { teams: string[]; skills: Record<string, number>; capacity: Record<string, number> }
  >();
  for (const row of details.rows) {
    if (row.k === 'settings') {
      settingsRows.push({ scope: row.a, scope_id: row.user_id, settings: row.j });
      continue;
    }
    const userId = row.user_id ?? '';
    if (row.k === 'cursor') {
      cursors[row.a] = userId;
      continue;
    }
    if (row.k === 'load') {
      loads.set(userId, { ...loads.get(userId), [row.a]: Number(row.b) });
      continue;
    }
    let entry = byUser.get(userId);
    if (!entry) {
      entry = { teams: [], skills: {}, capacity: {} };
      byUser.set(userId, entry);
    }
    if (row.k === 'team') entry.teams.push(row.a);
    else if (row.k === 'skill') entry.skills[row.a] = Number(row.b);
    else entry.capacity[row.a] = Number(row.b);
  }
  const settings = settingsFromRows(settingsRows);
  const defaultCapacity = effectiveSettings(settings).defaultCapacity;
  const agents = online.map((agent) => {
    const entry = byUser.get(agent.user_id);
    const capacity =
      entry && Object.keys(entry.capacity).length > 0 ? entry.capacity : { ...defaultCapacity };
    return {
      id: agent.user_id,
      presence: agent.status,
      teamIds: entry?.teams ?? [],
      skills: entry?.skills ?? {},
      capacity,
      load: loads.get(agent.user_id) ?? {},
      lastAssignedAt: agent.last_assigned_at ? new Date(agent.last_assigned_at).getTime() : null,
    };
  });
  return { agents, cursors, settings };
}
