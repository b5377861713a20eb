// Assignment on the database. A routing pass locks the account's agents (presence rows, in id
// order), loads their load under the lock, runs the pure strategy for each conversation and keeps
// the decisions; `commitPass` then writes them all at once (conversations, agents' last assignment,
// `conversation.assigned` activity, realtime updates). Because every assigner holds those locks from
// counting to commit, no agent is given work past capacity, whatever the number of workers.
import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../../activity/index.ts';
import type { DB } from '../../db/index.ts';
import { appendRealtimeEvents, conversationUpdated } from '../../realtime/index.ts';
import {
  type AgentSnapshot,
  decideAssignment,
  defaultStrategyRegistry,
  hasCapacityFor,
  isOnline,
  type RoutableConversation,
} from '../core.ts';
import { lockAndLoadOnlineAgents } from './agents.ts';
import { type AccountRoutingSettings, effectiveSettings, type RoutingSettings } from './settings.ts';

/** A decision of the pass, written by `commitPass`. */
interface PendingWrite {
  id: string;
  /** assign: to `assigneeId`; queue: back to the queue; recheck: only a new no-reply check time. */
  kind: 'assign' | 'queue' | 'recheck';
  assigneeId: string | null;
  from: string | null;
  teamFrom: string | null;
  /** Set when the assignment also gives the conversation its team. */
  teamTo: string | null;
  workKind: string | null;
  routingCheckAt: Date | null;
  reason: string;
}

export interface RoutingPass {
  trx: Kysely<DB>;
  accountId: string;
  now: Date;
  settings: AccountRoutingSettings;
  /** Online agents, locked; loads are kept current as the pass assigns. */
  agents: AgentSnapshot[];
  cursors: Record<string, string>;
  /** Conversations whose realtime update is still to be published. */
  changed: Set<string>;
  /** Decisions not yet written, by conversation id. */
  pending: Map<string, PendingWrite>;
  /** Round-robin cursors moved by the pass. */
  movedCursors: Set<string>;
}

/** Columns a routing decision needs. */
export const ROUTING_COLUMNS = [
  'c.id',
  'c.account_id',
  'c.channel_id',
  'c.contact_id',
  'c.team_id',
  'c.assignee_id',
  'c.status',
  'c.priority',
  'c.is_public',
  'c.is_case',
  'c.work_kind',
  'c.waiting_since',
  'c.created_at',
  'c.sla_next_due_at',
  'c.routed_at',
  'c.last_agent_reply_at',
] as const;

export interface RoutingRow {
  id: string;
  account_id: string;
  channel_id: string;
  contact_id: string;
  team_id: string | null;
  assignee_id: string | null;
  status: string;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  is_public: boolean;
  is_case: boolean;
  work_kind: string | null;
  waiting_since: Date | null;
  created_at: Date;
  sla_next_due_at: Date | null;
  routed_at: Date | null;
  last_agent_reply_at: Date | null;
}

export const isRoutable = (row: RoutingRow) =>
  row.assignee_id === null && (row.status === 'new' || row.status === 'open') && row.is_case;

/** Lock the account's agents and load what a routing pass decides over. Call before appending any activity. */
export async function beginRoutingPass(trx: Kysely<DB>, accountId: string, now: Date): Promise<RoutingPass> {
  const { agents, cursors, settings } = await lockAndLoadOnlineAgents(trx, accountId);
  return {
    trx,
    accountId,
    now,
    settings,
    agents,
    cursors,
    changed: new Set(),
    pending: new Map(),
    movedCursors: new Set(),
  };
}

/** Record a decision; a second one for the same conversation keeps the first's starting point. */
function pend(pass: RoutingPass, write: PendingWrite): void {
  const earlier = pass.pending.get(write.id);
  pass.pending.set(write.id, earlier ? { ...write, from: earlier.from, teamFrom: earlier.teamFrom } : write);
}

export function hasFreeCapacity(pass: RoutingPass): boolean {
  return pass.agents.some(
    (a) => isOnline(a) && Object.keys(a.capacity).some((kind) => hasCapacityFor(a, kind)),
  );
}

export function workKindOf(row: RoutingRow, settings: RoutingSettings): string {
  return row.work_kind ?? settings.workKind ?? (row.is_public ? 'social' : 'chat');
}

async function lastAgentOf(pass: RoutingPass, row: RoutingRow): Promise<string | null> {
  const previous = await pass.trx
    .selectFrom('conversations')
    .select('assignee_id')
    .where('account_id', '=', pass.accountId)
    .where('contact_id', '=', row.contact_id)
    .where('id', '!=', row.id)
    .where('assignee_id', 'is not', null)
    .orderBy('last_message_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return previous?.assignee_id ?? null;
}

const registry = defaultStrategyRegistry();

/**
 * Route one conversation (its row locked by the caller) within the pass. Returns the agent chosen,
 * or null when it stays queued. `exclude` keeps agents out (the one a conversation is taken from).
 */
export async function routeConversation(
  pass: RoutingPass,
  row: RoutingRow,
  options: { exclude?: string; reasonPrefix?: string; force?: boolean; from?: string | null } = {},
): Promise<string | null> {
  const settings = effectiveSettings(pass.settings, { channelId: row.channel_id, teamId: row.team_id });
  if (!settings.autoAssign && !options.force) return null;
  const workKind = workKindOf(row, settings);
  const strategy = registry.create(settings.strategy);
  const needsLastAgent = settings.strategy.name === 'sticky';
  const conversation: RoutableConversation = {
    id: row.id,
    priority: row.priority,
    waitingSince: (row.waiting_since ?? row.created_at).getTime(),
    slaDueAt: row.sla_next_due_at?.getTime() ?? null,
    workKind,
    requiredSkills: settings.requiredSkills,
    teamId: row.team_id ?? settings.teamId,
    lastAgentId: needsLastAgent ? await lastAgentOf(pass, row) : null,
  };
  const agents = options.exclude ? pass.agents.filter((a) => a.id !== options.exclude) : pass.agents;
  const decision = decideAssignment(strategy, conversation, {
    agents,
    now: pass.now.getTime(),
    roundRobinCursors: pass.cursors,
  });
  if (decision.kind === 'queue') return null;
  const agent = pass.agents.find((a) => a.id === decision.agentId);
  if (!agent) return null;
  // The locks (taken in beginRoutingPass) make the in-memory load exact until commit.
  const counted = agent.load;
  if ((counted[workKind] ?? 0) >= (agent.capacity[workKind] ?? 0)) return null;
  const reason = `${options.reasonPrefix ?? ''}${decision.strategy}: ${decision.reason}`;
  const givesTeam = row.team_id === null && conversation.teamId !== null;
  pend(pass, {
    id: row.id,
    kind: 'assign',
    assigneeId: agent.id,
    from: options.from !== undefined ? options.from : row.assignee_id,
    teamFrom: row.team_id,
    teamTo: givesTeam ? conversation.teamId : row.team_id,
    workKind,
    routingCheckAt:
      settings.noReplyReassignMinutes === null
        ? null
        : new Date(pass.now.getTime() + settings.noReplyReassignMinutes * 60_000),
    reason,
  });
  if (decision.cursor) {
    pass.cursors[decision.cursor.key] = decision.cursor.agentId;
    pass.movedCursors.add(decision.cursor.key);
  }
  agent.load = { ...counted, [workKind]: (counted[workKind] ?? 0) + 1 };
  agent.lastAssignedAt = pass.now.getTime();
  row.assignee_id = agent.id;
  if (givesTeam) row.team_id = conversation.teamId;
  pass.changed.add(row.id);
  return agent.id;
}

/** Keep the conversation with its agent and look at it again at `at` (null: never). */
export function scheduleRecheck(pass: RoutingPass, row: RoutingRow, at: Date | null): void {
  pend(pass, {
    id: row.id,
    kind: 'recheck',
    assigneeId: row.assignee_id,
    from: row.assignee_id,
    teamFrom: row.team_id,
    teamTo: row.team_id,
    workKind: null,
    routingCheckAt: at,
    reason: '',
  });
}

/** Take a conversation away from its agent (reason given), to another agent if one can take it, else to the queue. */
export async function reassignConversation(
  pass: RoutingPass,
  row: RoutingRow,
  reason: 'agent_offline' | 'agent_away' | 'no_agent_reply',
): Promise<string | null> {
  const from = row.assignee_id;
  row.assignee_id = null;
  const to = await routeConversation(pass, row, {
    ...(from ? { exclude: from } : {}),
    reasonPrefix: `reassign (${reason}) → `,
    force: true,
    from,
  });
  if (to) return to;
  if (reason === 'no_agent_reply') {
    // Nobody else can take it: it stays with its agent, checked again after the same wait.
    row.assignee_id = from;
    const settings = effectiveSettings(pass.settings, { channelId: row.channel_id, teamId: row.team_id });
    const minutes = settings.noReplyReassignMinutes;
    scheduleRecheck(pass, row, minutes === null ? null : new Date(pass.now.getTime() + minutes * 60_000));
    return from;
  }
  pend(pass, {
    id: row.id,
    kind: 'queue',
    assigneeId: null,
    from,
    teamFrom: row.team_id,
    teamTo: row.team_id,
    workKind: null,
    routingCheckAt: null,
    reason: `reassign (${reason}) → queue`,
  });
  pass.changed.add(row.id);
  return null;
}

/**
 * Write the pass's decisions in a few statements whatever their number: the conversations and the
 * agents' last assignment in one, the `conversation.assigned` activity (the same rows the inbox's
 * assignConversation writes), the round-robin cursors, then the realtime updates. Call once,
 * before the transaction commits.
 */
export async function commitPass(pass: RoutingPass): Promise<void> {
  const writes = [...pass.pending.values()];
  pass.pending.clear();
  if (writes.length > 0) {
    const values = JSON.stringify(
      writes.map((w) => ({
        id: w.id,
        kind: w.kind,
        assignee_id: w.assigneeId,
        team_id: w.teamTo,
        set_team: w.teamTo !== w.teamFrom,
        work_kind: w.workKind,
        routing_check_at: w.routingCheckAt?.toISOString() ?? null,
      })),
    );
    await sql`
      WITH v AS (
        SELECT * FROM jsonb_to_recordset(${values}::jsonb) AS v(
          id uuid, kind text, assignee_id uuid, team_id uuid, set_team boolean, work_kind text,
          routing_check_at timestamptz)
      ), conv AS (
        UPDATE conversations c SET
          assignee_id = CASE WHEN v.kind = 'recheck' THEN c.assignee_id ELSE v.assignee_id END,
          team_id = CASE WHEN v.set_team THEN v.team_id ELSE c.team_id END,
          status = CASE WHEN c.status = 'new' AND v.kind = 'assign' THEN 'open' ELSE c.status END,
          updated_at = CASE WHEN v.kind = 'recheck' THEN c.updated_at ELSE ${pass.now} END,
          work_kind = CASE WHEN v.kind = 'assign' THEN v.work_kind ELSE c.work_kind END,
          routed_at = CASE v.kind WHEN 'assign' THEN ${pass.now} WHEN 'queue' THEN NULL ELSE c.routed_at END,
          routing_check_at = v.routing_check_at
        FROM v WHERE c.id = v.id
      )
      UPDATE agent_presence SET last_assigned_at = ${pass.now}
      WHERE account_id = ${pass.accountId}
        AND user_id IN (SELECT assignee_id FROM v WHERE kind = 'assign')`.execute(pass.trx);
    await appendActivity(
      pass.trx,
      writes
        .filter((w) => w.kind !== 'recheck' && (w.from !== w.assigneeId || w.teamFrom !== w.teamTo))
        .map((w) => ({
          accountId: pass.accountId,
          conversationId: w.id,
          kind: 'conversation.assigned',
          actorUserId: null,
          occurredAt: pass.now,
          data: { from: w.from, to: w.assigneeId, teamFrom: w.teamFrom, teamTo: w.teamTo, reason: w.reason },
        })),
    );
  }
  if (pass.movedCursors.size > 0) {
    const keys = [...pass.movedCursors];
    pass.movedCursors.clear();
    await pass.trx
      .insertInto('routing_cursors')
      .values(keys.map((key) => ({ account_id: pass.accountId, key, agent_id: pass.cursors[key]! })))
      .onConflict((oc) =>
        oc.columns(['account_id', 'key']).doUpdateSet((eb) => ({ agent_id: eb.ref('excluded.agent_id') })),
      )
      .execute();
  }
  await publishChanges(pass.trx, pass.accountId, pass.changed);
  pass.changed.clear();
}

/** Append conversation.updated for every conversation the pass changed. */
export async function publishChanges(
  trx: Kysely<DB>,
  accountId: string,
  ids: Iterable<string>,
): Promise<void> {
  const list = [...ids];
  if (list.length === 0) return;
  await appendRealtimeEvents(
    trx,
    list.map((id) => conversationUpdated(accountId, id)),
  );
}

/** Rows of conversations, locked (in id order; `skipLocked` for sweeps that must not wait). */
export async function lockRoutingRows(
  trx: Kysely<DB>,
  ids: string[],
  options: { skipLocked?: boolean } = {},
): Promise<RoutingRow[]> {
  if (ids.length === 0) return [];
  const query = trx
    .selectFrom('conversations as c')
    .select([...ROUTING_COLUMNS])
    .where('c.id', 'in', ids)
    .orderBy('c.id')
    .forNoKeyUpdate();
  return (await (options.skipLocked ? query.skipLocked() : query).execute()) as RoutingRow[];
}

export const queueOrderSql = {
  priority_then_waiting: [sql`c.priority_rank`, sql`coalesce(c.waiting_since, c.created_at)`, sql`c.id`],
  sla_due_first: [
    sql`coalesce(c.sla_next_due_at, 'infinity'::timestamptz)`,
    sql`c.priority_rank`,
    sql`coalesce(c.waiting_since, c.created_at)`,
    sql`c.id`,
  ],
} as const;
