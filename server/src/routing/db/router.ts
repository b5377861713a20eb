// Assignment on the database. A routing pass locks the account's agents (presence rows, in id
// order), loads their load under the lock, runs the pure strategy and assigns through the inbox
// (which writes the conversation.assigned activity). Because every assigner holds those locks from
// counting to commit, no agent is given work past capacity, whatever the number of workers.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { assignConversation, getConversationDtos } from '../../inbox/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';
import {
  type AgentSnapshot,
  decideAssignment,
  defaultStrategyRegistry,
  hasCapacityFor,
  isOnline,
  type RoutableConversation,
} from '../core.ts';
import { lockAndLoadOnlineAgents } from './agents.ts';
import {
  type AccountRoutingSettings,
  effectiveSettings,
  loadAccountRoutingSettings,
  type RoutingSettings,
} from './settings.ts';

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
  const settings = await loadAccountRoutingSettings(trx, accountId);
  const defaults = effectiveSettings(settings);
  const { agents, cursors } = await lockAndLoadOnlineAgents(trx, accountId, defaults.defaultCapacity);
  return { trx, accountId, now, settings, agents, cursors, changed: new Set() };
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
  options: { exclude?: string; reasonPrefix?: string; force?: boolean } = {},
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
  await assignConversation(pass.trx, {
    accountId: pass.accountId,
    conversationId: row.id,
    assigneeId: agent.id,
    ...(row.team_id === null && conversation.teamId ? { teamId: conversation.teamId } : {}),
    now: pass.now,
    reason,
  });
  const checkAt =
    settings.noReplyReassignMinutes === null
      ? null
      : new Date(pass.now.getTime() + settings.noReplyReassignMinutes * 60_000);
  await sql`
    WITH conv AS (
      UPDATE conversations SET work_kind = ${workKind}, routed_at = ${pass.now}, routing_check_at = ${checkAt}
      WHERE id = ${row.id}
    )
    UPDATE agent_presence SET last_assigned_at = ${pass.now}
    WHERE account_id = ${pass.accountId} AND user_id = ${agent.id}`.execute(pass.trx);
  if (decision.cursor) {
    pass.cursors[decision.cursor.key] = decision.cursor.agentId;
    await pass.trx
      .insertInto('routing_cursors')
      .values({ account_id: pass.accountId, key: decision.cursor.key, agent_id: decision.cursor.agentId })
      .onConflict((oc) =>
        oc.columns(['account_id', 'key']).doUpdateSet({ agent_id: decision.cursor!.agentId }),
      )
      .execute();
  }
  agent.load = { ...counted, [workKind]: (counted[workKind] ?? 0) + 1 };
  agent.lastAssignedAt = pass.now.getTime();
  row.assignee_id = agent.id;
  pass.changed.add(row.id);
  return agent.id;
}

/** Take a conversation away from its agent (reason given), to another agent if one can take it, else to the queue. */
export async function reassignConversation(
  pass: RoutingPass,
  row: RoutingRow,
  reason: 'agent_offline' | 'agent_away' | 'no_agent_reply',
): Promise<string | null> {
  const from = row.assignee_id;
  const previous = { ...row };
  row.assignee_id = null;
  const to = await routeConversation(pass, row, {
    ...(from ? { exclude: from } : {}),
    reasonPrefix: `reassign (${reason}) → `,
    force: true,
  });
  if (to) return to;
  if (reason === 'no_agent_reply') {
    // Nobody else can take it: it stays with its agent, checked again after the same wait.
    row.assignee_id = previous.assignee_id;
    const settings = effectiveSettings(pass.settings, { channelId: row.channel_id, teamId: row.team_id });
    const minutes = settings.noReplyReassignMinutes;
    await pass.trx
      .updateTable('conversations')
      .set({ routing_check_at: minutes === null ? null : new Date(pass.now.getTime() + minutes * 60_000) })
      .where('id', '=', row.id)
      .execute();
    return from;
  }
  await assignConversation(pass.trx, {
    accountId: pass.accountId,
    conversationId: row.id,
    assigneeId: null,
    now: pass.now,
    reason: `reassign (${reason}) → queue`,
  });
  await pass.trx
    .updateTable('conversations')
    .set({ routing_check_at: null, routed_at: null })
    .where('id', '=', row.id)
    .execute();
  pass.changed.add(row.id);
  return null;
}

/** Append conversation.updated for every conversation the pass changed. */
export async function publishChanges(
  trx: Kysely<DB>,
  accountId: string,
  ids: Iterable<string>,
): Promise<void> {
  const list = [...ids];
  if (list.length === 0) return;
  const dtos = await getConversationDtos(trx, accountId, list);
  await appendRealtimeEvents(
    trx,
    dtos.map((conversation) => ({ accountId, type: 'conversation.updated', payload: { conversation } })),
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
    .forUpdate();
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
