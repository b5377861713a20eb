// The time-based side of routing, run periodically and on kicks: SLA clocks turning at risk or
// breached with no new event, agents going away/offline after inactivity, reassignment (no agent
// reply within N minutes, agent offline or away), and unassigned work re-examined when capacity
// frees or agents come online. Every step is its own short transaction; rows are taken with SKIP
// LOCKED, so several processes can sweep at once.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { checkReassignment } from '../core.ts';
import { loadAgentSnapshots } from './agents.ts';
import { setPresence } from './presence.ts';
import {
  beginRoutingPass,
  commitPass,
  hasFreeCapacity,
  isRoutable,
  lockRoutingRows,
  queueOrderSql,
  ROUTING_COLUMNS,
  type RoutingRow,
  reassignConversation,
  routeConversation,
  scheduleRecheck,
} from './router.ts';
import { effectiveSettings, loadAccountRoutingSettings } from './settings.ts';
import { recomputeSlaMany } from './sla.ts';

export interface SweepResult {
  slaChecked: number;
  alerts: number;
  presenceChanged: number;
  reassigned: number;
  assigned: number;
}

const BATCH = 200;

/** SLA clocks whose next at-risk/breach instant has passed. */
export async function sweepSla(db: Kysely<DB>, now: Date): Promise<{ checked: number; alerts: number }> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('conversations')
      .select('id')
      .where('sla_next_check_at', '<=', now)
      .orderBy('sla_next_check_at')
      .orderBy('id')
      .limit(BATCH)
      .forNoKeyUpdate()
      .skipLocked()
      .execute();
    const { alerts } = await recomputeSlaMany(
      trx,
      due.map((c) => c.id),
      now,
    );
    return { checked: due.length, alerts: alerts.filter((a) => a.kind !== 'met').length };
  });
}

/** Online → away → offline after inactivity (account settings). */
export async function sweepPresence(db: Kysely<DB>, now: Date): Promise<number> {
  const accounts = await db
    .selectFrom('agent_presence')
    .select('account_id')
    .distinct()
    .where('status', 'in', ['online', 'away'])
    .where('last_active_at', '<', new Date(now.getTime() - 60_000))
    .execute();
  let changed = 0;
  for (const { account_id: accountId } of accounts) {
    changed += await db.transaction().execute(async (trx) => {
      const settings = effectiveSettings(await loadAccountRoutingSettings(trx, accountId));
      const rows = await trx
        .selectFrom('agent_presence')
        .select(['user_id', 'status', 'last_active_at', 'set_by'])
        .where('account_id', '=', accountId)
        .where('status', 'in', ['online', 'away'])
        .orderBy('user_id')
        .forUpdate()
        .skipLocked()
        .execute();
      let n = 0;
      for (const row of rows) {
        const idle = now.getTime() - row.last_active_at.getTime();
        const next =
          idle >= settings.offlineAfterMinutes * 60_000
            ? 'offline'
            : row.status === 'online' && idle >= settings.awayAfterMinutes * 60_000
              ? 'away'
              : null;
        if (next && next !== row.status) {
          await setPresence(trx, { accountId, userId: row.user_id, status: next, setBy: 'inactivity', now });
          n += 1;
        }
      }
      return n;
    });
  }
  return changed;
}

/** Assigned work to take back: no agent reply within the timeout, agent offline (or away). */
export async function sweepReassign(db: Kysely<DB>, now: Date): Promise<number> {
  const candidates = await db
    .selectFrom('conversations as c')
    .innerJoin('agent_presence as p', (join) =>
      join.onRef('p.user_id', '=', 'c.assignee_id').onRef('p.account_id', '=', 'c.account_id'),
    )
    .select(['c.id', 'c.account_id'])
    .where('c.status', 'in', ['new', 'open'])
    .where((eb) =>
      eb.or([
        eb('c.routing_check_at', '<=', now),
        eb('p.status', '=', 'offline'),
        // Away agents keep their work unless some scope of the account asks otherwise.
        eb.and([
          eb('p.status', '=', 'away'),
          eb.exists(
            eb
              .selectFrom('routing_settings as rs')
              .select('rs.id')
              .whereRef('rs.account_id', '=', 'c.account_id')
              .where(sql<boolean>`rs.settings->>'reassignWhenAway' = 'true'`),
          ),
        ]),
      ]),
    )
    .orderBy('c.id')
    .limit(BATCH)
    .execute();
  const byAccount = new Map<string, string[]>();
  for (const c of candidates) byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), c.id]);
  let moved = 0;
  for (const [accountId, ids] of byAccount) {
    moved += await db.transaction().execute(async (trx) => {
      const rows = await lockRoutingRows(trx, ids, { skipLocked: true });
      if (rows.length === 0) return 0;
      const pass = await beginRoutingPass(trx, accountId, now);
      const presence = new Map(
        (
          await loadAgentSnapshots(
            trx,
            accountId,
            {},
            { userIds: [...new Set(rows.flatMap((r) => r.assignee_id ?? []))] },
          )
        ).map((a) => [a.id, a.presence]),
      );
      let n = 0;
      for (const row of rows) {
        if (!row.assignee_id || !(row.status === 'new' || row.status === 'open')) continue;
        const settings = effectiveSettings(pass.settings, { channelId: row.channel_id, teamId: row.team_id });
        const assignedAt = row.routed_at?.getTime() ?? row.created_at.getTime();
        const check = checkReassignment(
          {
            assignedAt,
            agentPresence: presence.get(row.assignee_id) ?? 'offline',
            agentRepliedAt:
              row.last_agent_reply_at && row.last_agent_reply_at.getTime() >= assignedAt
                ? row.last_agent_reply_at.getTime()
                : null,
            customerWaitingSince: row.waiting_since?.getTime() ?? null,
          },
          {
            noReplyTimeoutMs:
              settings.noReplyReassignMinutes === null ? null : settings.noReplyReassignMinutes * 60_000,
            reassignWhenAway: settings.reassignWhenAway,
          },
          now.getTime(),
        );
        if (check.reason) {
          const from = row.assignee_id;
          const to = await reassignConversation(pass, row, check.reason);
          if (to !== from) n += 1;
        } else scheduleRecheck(pass, row, check.checkAgainAt === null ? null : new Date(check.checkAgainAt));
      }
      await commitPass(pass);
      return n;
    });
  }
  return moved;
}

/** Unassigned work, in queue order, for accounts with an online agent who has room. */
export async function sweepQueue(db: Kysely<DB>, now: Date, onlyAccountId?: string): Promise<number> {
  let accountsQuery = db
    .selectFrom('agent_presence')
    .select('account_id')
    .distinct()
    .where('status', '=', 'online');
  if (onlyAccountId) accountsQuery = accountsQuery.where('account_id', '=', onlyAccountId);
  const accounts = await accountsQuery.execute();
  let assigned = 0;
  for (const { account_id: accountId } of accounts) {
    assigned += await db.transaction().execute(async (trx) => {
      const settings = effectiveSettings(await loadAccountRoutingSettings(trx, accountId));
      const order = queueOrderSql[settings.queueOrder];
      // The queue's first rows, locked (others' are skipped), with what routing needs.
      const waiting = await sql<RoutingRow>`
        SELECT ${sql.join(ROUTING_COLUMNS.map((column) => sql.ref(column)))} FROM conversations c
        WHERE c.account_id = ${accountId} AND c.assignee_id IS NULL AND c.status IN ('new', 'open') AND c.is_case
        ORDER BY ${sql.join(order)}
        LIMIT ${BATCH}
        FOR NO KEY UPDATE SKIP LOCKED`.execute(trx);
      if (waiting.rows.length === 0) return 0;
      const pass = await beginRoutingPass(trx, accountId, now);
      if (!hasFreeCapacity(pass)) return 0;
      let n = 0;
      for (const row of waiting.rows) {
        if (!isRoutable(row)) continue;
        if (await routeConversation(pass, row)) n += 1;
        if (!hasFreeCapacity(pass)) break;
      }
      await commitPass(pass);
      return n;
    });
  }
  return assigned;
}

export async function sweepOnce(db: Kysely<DB>, now: Date): Promise<SweepResult> {
  const sla = await sweepSla(db, now);
  const presenceChanged = await sweepPresence(db, now);
  const reassigned = await sweepReassign(db, now);
  const assigned = await sweepQueue(db, now);
  return { slaChecked: sla.checked, alerts: sla.alerts, presenceChanged, reassigned, assigned };
}
