// Agents' time: online (presence history), handling (viewing/typing stretches, summed) and busy
// (the union of those stretches: time with at least one conversation in hand), clipped to the range.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { ReportFilter } from './filters.ts';

export interface AgentTime {
  onlineSeconds: number;
  handleSeconds: number;
  busySeconds: number;
}

export async function agentTime(db: Kysely<DB>, filter: ReportFilter): Promise<Map<string, AgentTime>> {
  const { accountId, from, to, now } = filter;
  const agent = filter.agentId ? sql`AND user_id = ${filter.agentId}` : sql``;
  const [online, work] = await Promise.all([
    sql<{ user_id: string; seconds: number | string }>`
      SELECT user_id, sum(extract(epoch FROM least(coalesce(ended_at, ${now}::timestamptz), ${to}::timestamptz)
                                   - greatest(started_at, ${from}::timestamptz)))::float8 AS seconds
      FROM presence_history
      WHERE account_id = ${accountId} AND status = 'online' ${agent}
        AND started_at < ${to}::timestamptz AND coalesce(ended_at, ${now}::timestamptz) > ${from}::timestamptz
      GROUP BY user_id`.execute(db),
    // Two window passes over the range's stretches: give the sorts room to stay in memory.
    db.transaction().execute(async (trx) => {
      await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      return sql<{ user_id: string; handle: number | string; busy: number | string }>`
      WITH w AS (
        SELECT user_id, greatest(started_at, ${from}::timestamptz) AS s,
               least(coalesce(ended_at, last_seen_at), ${to}::timestamptz) AS e
        FROM conversation_work_time
        WHERE account_id = ${accountId} ${agent}
          AND started_at < ${to}::timestamptz AND coalesce(ended_at, last_seen_at) > ${from}::timestamptz
      ), ordered AS (
        SELECT user_id, s, e, max(e) OVER (PARTITION BY user_id ORDER BY s, e
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM w
      ), islands AS (
        SELECT user_id, s, e, sum(CASE WHEN reach >= s THEN 0 ELSE 1 END)
          OVER (PARTITION BY user_id ORDER BY s, e) AS island FROM ordered
      ), spans AS (
        SELECT user_id, island, min(s) AS s, max(e) AS e, sum(extract(epoch FROM e - s)) AS handle
        FROM islands GROUP BY user_id, island
      )
      SELECT user_id, sum(handle)::float8 AS handle, sum(extract(epoch FROM e - s))::float8 AS busy
      FROM spans GROUP BY user_id`.execute(trx);
    }),
  ]);
  const out = new Map<string, AgentTime>();
  const get = (id: string) => {
    let t = out.get(id);
    if (!t) {
      t = { onlineSeconds: 0, handleSeconds: 0, busySeconds: 0 };
      out.set(id, t);
    }
    return t;
  };
  for (const row of online.rows) get(row.user_id).onlineSeconds = Number(row.seconds);
  for (const row of work.rows) {
    const t = get(row.user_id);
    t.handleSeconds = Number(row.handle);
    t.busySeconds = Number(row.busy);
  }
  return out;
}

/** Sum agents' time into teams (through team membership) or into one total. */
export async function teamTime(
  db: Kysely<DB>,
  accountId: string,
  byAgent: Map<string, AgentTime>,
): Promise<Map<string, AgentTime>> {
  const members = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('account_id', '=', accountId)
    .execute();
  const out = new Map<string, AgentTime>();
  for (const m of members) {
    const t = byAgent.get(m.user_id);
    if (!t) continue;
    const sum = out.get(m.team_id) ?? { onlineSeconds: 0, handleSeconds: 0, busySeconds: 0 };
    sum.onlineSeconds += t.onlineSeconds;
    sum.handleSeconds += t.handleSeconds;
    sum.busySeconds += t.busySeconds;
    out.set(m.team_id, sum);
  }
  return out;
}

export function totalTime(byAgent: Map<string, AgentTime>): AgentTime {
  const sum = { onlineSeconds: 0, handleSeconds: 0, busySeconds: 0 };
  for (const t of byAgent.values()) {
    sum.onlineSeconds += t.onlineSeconds;
    sum.handleSeconds += t.handleSeconds;
    sum.busySeconds += t.busySeconds;
  }
  return sum;
}
