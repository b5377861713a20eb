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
    // One window pass over the range's stretches in start order: busy time is what each stretch
    // adds beyond the furthest end before it (the length of their union). Intervals are summed
    // exactly and turned into seconds once per agent. Give the sort room to stay in memory.
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
      )
      SELECT user_id, extract(epoch FROM sum(e - s))::float8 AS handle,
        extract(epoch FROM sum(CASE WHEN reach IS NULL OR reach <= s THEN e - s
                                    WHEN reach < e THEN e - reach ELSE interval '0' END))::float8 AS busy
      FROM ordered GROUP BY user_id`.execute(trx);
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
