// SLA clocks on the database: rebuild the conversation's SLA events from its activity log, compute
// the state with the pure core, store deadlines/flags/state on the conversation and attainment per
// clock, and append `sla.at_risk` / `sla.breached` / `sla.met` activity plus realtime alerts.
import type { Kysely } from 'kysely';
import { appendActivity } from '../../activity/index.ts';
import type { DB } from '../../db/index.ts';
import { appendRealtimeEvents } from '../../realtime/index.ts';
import {
  computeSla,
  type Priority,
  type SlaChannel,
  type SlaEvent,
  type SlaState,
  slaTransitions,
} from '../core.ts';
import { type LoadedSla, loadSlaPolicy } from './calendars.ts';

const CHANNELS: SlaChannel[] = [
  'x',
  'instagram',
  'facebook',
  'messenger',
  'whatsapp',
  'email',
  'webchat',
  'api',
];
const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export const SLA_EVENT_KINDS = [
  'message.received',
  'reply.sent',
  'conversation.status_changed',
  'conversation.reopened',
  'conversation.priority_changed',
] as const;

/** Policies per account (and per policy id) for one batch of work. */
export class SlaPolicyCache {
  readonly #cache = new Map<string, Promise<LoadedSla>>();
  get(db: Kysely<DB>, accountId: string, policyId: string | null): Promise<LoadedSla> {
    const key = `${accountId}:${policyId ?? ''}`;
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = loadSlaPolicy(db, accountId, policyId);
      this.#cache.set(key, hit);
    }
    return hit;
  }
}

function toEvents(rows: { kind: string; data: Record<string, unknown>; occurred_at: Date }[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  // Triage's priority on each message moves the conversation only until someone sets it by hand.
  let isManual = false;
  for (const row of rows) {
    const at = row.occurred_at.getTime();
    const data = row.data;
    if (row.kind === 'message.received') {
      events.push({ kind: 'customer_message', at });
      if (!isManual && typeof data.priority === 'string' && PRIORITIES.includes(data.priority as Priority))
        events.push({ kind: 'priority', at, priority: data.priority as Priority });
    } else if (row.kind === 'reply.sent') events.push({ kind: 'agent_reply', at });
    else if (row.kind === 'conversation.reopened') events.push({ kind: 'reopen', at });
    else if (row.kind === 'conversation.priority_changed') {
      if (data.isManual) isManual = true;
      if (PRIORITIES.includes(data.to as Priority))
        events.push({ kind: 'priority', at, priority: data.to as Priority });
    } else if (row.kind === 'conversation.status_changed') {
      const to = data.to as string;
      const status = to === 'closed' ? 'resolved' : to === 'new' ? 'open' : to;
      if (status === 'open' || status === 'pending' || status === 'snoozed' || status === 'resolved')
        events.push({ kind: 'status', at, status });
    }
  }
  return events;
}

export interface SlaAlert {
  kind: 'at_risk' | 'breached' | 'met';
  metric: string;
  clockId: string;
  dueAt: number | null;
  targetMs: number;
}

/**
 * Recompute one conversation's SLA at `now` inside the caller's transaction (the conversation row
 * should already be locked). Returns the alerts it recorded.
 */
export async function recomputeSla(
  trx: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    now: Date;
    policies: SlaPolicyCache;
    channelPolicyId?: string | null;
    /** Gets the conversation's id when what the desk shows of its SLA (due time, state) changed. */
    changed?: Set<string>;
  },
): Promise<SlaAlert[]> {
  const { accountId, conversationId, now } = input;
  const conv = await trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select([
      'c.id',
      'c.is_public',
      'c.is_case',
      'c.priority',
      'c.assignee_id',
      'c.channel_id',
      'c.sla_state',
      'c.sla_policy_id',
      'c.sla_next_due_at',
      'c.sla_paused',
      'c.sla_at_risk',
      'c.sla_breached',
      'ch.provider',
    ])
    .where('c.account_id', '=', accountId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) return [];
  const sla = await input.policies.get(trx, accountId, conv.sla_policy_id ?? input.channelPolicyId ?? null);
  const rows = await trx
    .selectFrom('conversation_activity')
    .select(['kind', 'data', 'occurred_at'])
    .where('conversation_id', '=', conversationId)
    .where('kind', 'in', [...SLA_EVENT_KINDS])
    .orderBy('id')
    .execute();
  const events = toEvents(rows);
  const firstPriority = events.find((e) => e.kind === 'priority');
  const previous = conv.sla_state as SlaState | null;
  // Chatter (reposts, spam) is kept out of the queue and has no SLA.
  const state = conv.is_case
    ? computeSla({
        policy: sla.policy,
        calendar: sla.calendar,
        subject: {
          channel: CHANNELS.includes(conv.provider as SlaChannel) ? (conv.provider as SlaChannel) : 'api',
          visibility: conv.is_public ? 'public' : 'private',
          priority: firstPriority?.kind === 'priority' ? firstPriority.priority : conv.priority,
        },
        events,
        now: now.getTime(),
      })
    : null;
  const transitions = state ? slaTransitions(previous, state) : [];
  const alerts: SlaAlert[] = transitions.map((t) => ({
    kind: t.kind,
    metric: t.metric,
    clockId: t.clockId,
    dueAt: t.dueAt,
    targetMs: state?.clocks.find((c) => c.id === t.clockId)?.targetMs ?? 0,
  }));
  // A clock that stopped in time since the last computation: met.
  const before = new Map((previous?.clocks ?? []).map((c) => [c.id, c]));
  for (const clock of state?.clocks ?? []) {
    const old = before.get(clock.id);
    if (clock.state === 'met' && old?.state !== 'met')
      alerts.push({
        kind: 'met',
        metric: clock.metric,
        clockId: clock.id,
        dueAt: clock.dueAt,
        targetMs: clock.targetMs,
      });
  }
  const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
  const live = state?.clocks.filter((c) => c.stoppedAt === null) ?? [];
  const shown = {
    nextDue: state?.nextDueAt ?? null,
    isPaused: live.length > 0 && live.every((c) => c.state === 'paused'),
    isAtRisk: live.some((c) => c.isAtRisk),
    isBreached: live.some((c) => c.state === 'breached'),
  };
  if (
    (conv.sla_next_due_at?.getTime() ?? null) !== shown.nextDue ||
    conv.sla_paused !== shown.isPaused ||
    conv.sla_at_risk !== shown.isAtRisk ||
    conv.sla_breached !== shown.isBreached
  )
    input.changed?.add(conversationId);
  await trx
    .updateTable('conversations')
    .set({
      sla_policy_id: sla.policyRowId,
      sla_first_response_due_at: date(state?.firstResponseDueAt),
      sla_next_response_due_at: date(state?.nextResponseDueAt),
      sla_resolution_due_at: date(state?.resolutionDueAt),
      sla_next_due_at: date(state?.nextDueAt),
      sla_next_check_at: date(state?.nextCheckAt),
      sla_paused: shown.isPaused,
      sla_at_risk: shown.isAtRisk,
      sla_breached: shown.isBreached,
      sla_state: state ? JSON.stringify(state) : null,
    })
    .where('id', '=', conversationId)
    .execute();
  await storeAttainment(trx, accountId, conv, state);
  if (alerts.length > 0) {
    await appendActivity(
      trx,
      alerts.map((a) => ({
        accountId,
        conversationId,
        kind: `sla.${a.kind}`,
        occurredAt: now,
        data: {
          metric: a.metric,
          clockId: a.clockId,
          dueAt: a.dueAt === null ? null : new Date(a.dueAt).toISOString(),
          targetSeconds: Math.round(a.targetMs / 1000),
        },
      })),
    );
    const pushed = alerts.filter((a) => a.kind !== 'met');
    await appendRealtimeEvents(
      trx,
      pushed.map((a) => ({
        accountId,
        type: `sla.${a.kind}`,
        payload: {
          conversationId,
          assigneeId: conv.assignee_id,
          metric: a.metric,
          clockId: a.clockId,
          dueAt: a.dueAt === null ? null : new Date(a.dueAt).toISOString(),
          targetSeconds: Math.round(a.targetMs / 1000),
        },
      })),
    );
  }
  return alerts;
}

async function storeAttainment(
  trx: Kysely<DB>,
  accountId: string,
  conv: { id: string; assignee_id: string | null; channel_id: string },
  state: SlaState | null,
): Promise<void> {
  const known = state?.attainment ?? [];
  let remove = trx.deleteFrom('sla_attainment').where('conversation_id', '=', conv.id);
  if (known.length > 0)
    remove = remove.where(
      'clock_id',
      'not in',
      known.map((a) => a.clockId),
    );
  await remove.execute();
  if (known.length === 0) return;
  await trx
    .insertInto('sla_attainment')
    .values(
      known.map((a) => ({
        account_id: accountId,
        conversation_id: conv.id,
        clock_id: a.clockId,
        metric: a.metric,
        outcome: a.outcome,
        target_ms: a.targetMs,
        started_at: new Date(a.startedAt),
        stopped_at: a.stoppedAt === null ? null : new Date(a.stoppedAt),
        stopped_by: a.stoppedBy,
        business_ms: a.businessMs,
        wall_clock_ms: a.wallClockMs,
        assignee_id: conv.assignee_id,
        channel_id: conv.channel_id,
        priority: state?.priority ?? 'normal',
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'clock_id']).doUpdateSet((eb) => ({
        outcome: eb.ref('excluded.outcome'),
        target_ms: eb.ref('excluded.target_ms'),
        stopped_at: eb.ref('excluded.stopped_at'),
        stopped_by: eb.ref('excluded.stopped_by'),
        business_ms: eb.ref('excluded.business_ms'),
        wall_clock_ms: eb.ref('excluded.wall_clock_ms'),
        assignee_id: eb.ref('excluded.assignee_id'),
        priority: eb.ref('excluded.priority'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
