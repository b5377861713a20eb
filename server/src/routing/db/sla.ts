// SLA clocks on the database: rebuild each conversation's SLA events from its activity log, compute
// the state with the pure core, store deadlines/flags/state on the conversation and attainment per
// clock, and append `sla.at_risk` / `sla.breached` / `sla.met` activity plus realtime alerts. A batch
// of conversations costs a fixed handful of statements, whatever its size.
import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../../activity/index.ts';
import type { DB } from '../../db/index.ts';
import { appendRealtimeEvents, conversationUpdated, type RealtimeEvent } from '../../realtime/index.ts';
import { computeSla, type SlaChannel, type SlaState, slaTransitions } from '../core.ts';
import { type AccountRoutingSettings, effectiveSettings, loadAccountRoutingSettings } from './settings.ts';
import { SLA_CHANNELS, SLA_EVENT_KINDS, SlaPolicyCache, toSlaEvents } from './sla-events.ts';

export { SLA_EVENT_KINDS, SlaPolicyCache } from './sla-events.ts';

export interface SlaAlert {
  accountId: string;
  conversationId: string;
  kind: 'at_risk' | 'breached' | 'met';
  metric: string;
  clockId: string;
  dueAt: number | null;
  targetMs: number;
}

type SlaRow = {
  id: string;
  account_id: string;
  channel_id: string;
  team_id: string | null;
  is_public: boolean;
  is_case: boolean;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  assignee_id: string | null;
  sla_state: Record<string, unknown> | null;
  sla_policy_id: string | null;
  sla_next_due_at: Date | null;
  sla_paused: boolean;
  sla_at_risk: boolean;
  sla_breached: boolean;
  provider: string;
};

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** What one conversation's recomputation stores, and what it changed. */
function computeOne(
  conv: SlaRow,
  sla: Awaited<ReturnType<SlaPolicyCache['get']>>,
  events: ReturnType<typeof toSlaEvents>,
  now: Date,
) {
  const firstPriority = events.find((e) => e.kind === 'priority');
  const previous = conv.sla_state as SlaState | null;
  // Chatter (reposts, spam) is kept out of the queue and has no SLA.
  const state = conv.is_case
    ? computeSla({
        policy: sla.policy,
        calendar: sla.calendar,
        subject: {
          channel: SLA_CHANNELS.includes(conv.provider as SlaChannel) ? (conv.provider as SlaChannel) : 'api',
          visibility: conv.is_public ? 'public' : 'private',
          priority: firstPriority?.kind === 'priority' ? firstPriority.priority : conv.priority,
        },
        events,
        now: now.getTime(),
      })
    : null;
  const base = { accountId: conv.account_id, conversationId: conv.id };
  const alerts: SlaAlert[] = (state ? slaTransitions(previous, state) : []).map((t) => ({
    ...base,
    kind: t.kind,
    metric: t.metric,
    clockId: t.clockId,
    dueAt: t.dueAt,
    targetMs: state?.clocks.find((c) => c.id === t.clockId)?.targetMs ?? 0,
  }));
  // A clock that stopped in time since the last computation: met.
  const before = new Map((previous?.clocks ?? []).map((c) => [c.id, c]));
  for (const clock of state?.clocks ?? []) {
    if (clock.state === 'met' && before.get(clock.id)?.state !== 'met')
      alerts.push({
        ...base,
        kind: 'met',
        metric: clock.metric,
        clockId: clock.id,
        dueAt: clock.dueAt,
        targetMs: clock.targetMs,
      });
  }
  const live = state?.clocks.filter((c) => c.stoppedAt === null) ?? [];
  const shown = {
    nextDue: state?.nextDueAt ?? null,
    isPaused: live.length > 0 && live.every((c) => c.state === 'paused'),
    isAtRisk: live.some((c) => c.isAtRisk),
    isBreached: live.some((c) => c.state === 'breached'),
  };
  // Unchanged but for the time that passed (elapsed and remaining time): nothing to store.
  const isUnchanged = conv.sla_policy_id === sla.policyRowId && isSettled(previous, state);
  const isChanged =
    (conv.sla_next_due_at?.getTime() ?? null) !== shown.nextDue ||
    conv.sla_paused !== shown.isPaused ||
    conv.sla_at_risk !== shown.isAtRisk ||
    conv.sla_breached !== shown.isBreached;
  const stored = {
    id: conv.id,
    sla_policy_id: sla.policyRowId,
    first_due: iso(state?.firstResponseDueAt),
    next_response_due: iso(state?.nextResponseDueAt),
    resolution_due: iso(state?.resolutionDueAt),
    next_due: iso(state?.nextDueAt),
    next_check: iso(state?.nextCheckAt),
    paused: shown.isPaused,
    at_risk: shown.isAtRisk,
    breached: shown.isBreached,
    state,
  };
  const attainment = (state?.attainment ?? []).map((a) => ({
    account_id: conv.account_id,
    conversation_id: conv.id,
    clock_id: a.clockId,
    metric: a.metric,
    outcome: a.outcome,
    target_ms: a.targetMs,
    started_at: iso(a.startedAt),
    stopped_at: iso(a.stoppedAt),
    stopped_by: a.stoppedBy,
    business_ms: a.businessMs,
    wall_clock_ms: a.wallClockMs,
    assignee_id: conv.assignee_id,
    channel_id: conv.channel_id,
    priority: state?.priority ?? 'normal',
  }));
  return { alerts, isChanged, isUnchanged, stored, attainment };
}

/** What only moves with the clock: when the state was computed, each clock's elapsed and remaining time. */
const MOVING_KEYS = new Set(['computedAt', 'elapsedBusinessMs', 'remainingBusinessMs']);

/**
 * Whether two stored states say the same but for the time that passed: then they store the same
 * columns and alerts. Key order is ignored, because the previous state comes back from jsonb in
 * jsonb's own order.
 */
export function isSettled(previous: unknown, next: unknown): boolean {
  if (previous === next) return true;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null)
    return false;
  if (Array.isArray(previous) !== Array.isArray(next)) return false;
  if (Array.isArray(previous) && Array.isArray(next))
    return previous.length === next.length && previous.every((item, i) => isSettled(item, next[i]));
  const a = previous as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  // A key whose value is undefined is absent once stored as JSON.
  let count = 0;
  for (const key in b) {
    if (MOVING_KEYS.has(key) || b[key] === undefined) continue;
    count++;
    if (!isSettled(a[key], b[key])) return false;
  }
  for (const key in a) if (!MOVING_KEYS.has(key) && a[key] !== undefined) count--;
  return count === 0;
}

/**
 * Recompute the SLA of these conversations at `now` inside the caller's transaction: locks their
 * rows (id order), stores deadlines, flags, state and attainment, records alerts as activity and
 * realtime events, and publishes `conversation.updated` for those whose shown SLA changed.
 */
export async function recomputeSlaMany(
  trx: Kysely<DB>,
  conversationIds: string[],
  now: Date,
  policies = new SlaPolicyCache(),
): Promise<{ alerts: SlaAlert[]; published: boolean }> {
  const ids = [...new Set(conversationIds)].sort();
  if (ids.length === 0) return { alerts: [], published: false };
  const convs = (await trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select([
      'c.id',
      'c.account_id',
      'c.channel_id',
      'c.team_id',
      'c.is_public',
      'c.is_case',
      'c.priority',
      'c.assignee_id',
      'c.sla_state',
      'c.sla_policy_id',
      'c.sla_next_due_at',
      'c.sla_paused',
      'c.sla_at_risk',
      'c.sla_breached',
      'ch.provider',
    ])
    .where('c.id', 'in', ids)
    .orderBy('c.id')
    .forNoKeyUpdate('c')
    .execute()) as SlaRow[];
  if (convs.length === 0) return { alerts: [], published: false };
  const activity = await trx
    .selectFrom('conversation_activity')
    .select(['conversation_id', 'kind', 'data', 'occurred_at'])
    .where(
      'conversation_id',
      'in',
      convs.map((c) => c.id),
    )
    .where('kind', 'in', [...SLA_EVENT_KINDS])
    .orderBy('id')
    .execute();
  const rowsOf = new Map<string, typeof activity>();
  for (const row of activity)
    rowsOf.set(row.conversation_id, [...(rowsOf.get(row.conversation_id) ?? []), row]);
  // The channel's policy matters only until a conversation has stored one: settings are read lazily.
  const settings = new Map<string, Promise<AccountRoutingSettings>>();
  const settingsOf = (accountId: string) => {
    let hit = settings.get(accountId);
    if (!hit) {
      hit = loadAccountRoutingSettings(trx, accountId);
      settings.set(accountId, hit);
    }
    return hit;
  };
  const results = [];
  for (const conv of convs) {
    const policyId =
      conv.sla_policy_id ??
      effectiveSettings(await settingsOf(conv.account_id), {
        channelId: conv.channel_id,
        teamId: conv.team_id,
      }).slaPolicyId;
    const sla = await policies.get(trx, conv.account_id, policyId);
    results.push({ conv, ...computeOne(conv, sla, toSlaEvents(rowsOf.get(conv.id) ?? []), now) });
  }
  const unsettled = results.filter((r) => !r.isUnchanged);
  if (unsettled.length > 0)
    await storeSla(
      trx,
      unsettled.map((r) => r.stored),
      unsettled.flatMap((r) => r.attainment),
    );
  const alerts = results.flatMap((r) => r.alerts);
  await appendActivity(
    trx,
    alerts.map((a) => ({
      accountId: a.accountId,
      conversationId: a.conversationId,
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
  const assigneeOf = new Map(convs.map((c) => [c.id, c.assignee_id]));
  const events: RealtimeEvent[] = alerts
    .filter((a) => a.kind !== 'met')
    .map((a) => ({
      accountId: a.accountId,
      type: `sla.${a.kind}`,
      payload: {
        conversationId: a.conversationId,
        assigneeId: assigneeOf.get(a.conversationId) ?? null,
        metric: a.metric,
        clockId: a.clockId,
        dueAt: a.dueAt === null ? null : new Date(a.dueAt).toISOString(),
        targetSeconds: Math.round(a.targetMs / 1000),
      },
    }));
  // New due times reach the desk live (a new conversation's countdown appears without a reload).
  for (const r of results) if (r.isChanged) events.push(conversationUpdated(r.conv.account_id, r.conv.id));
  await appendRealtimeEvents(trx, events);
  return { alerts, published: events.length > 0 };
}

/** Conversations' SLA columns, attainment upserted and stale attainment removed: one statement. */
async function storeSla(
  trx: Kysely<DB>,
  stored: ReturnType<typeof computeOne>['stored'][],
  attainment: ReturnType<typeof computeOne>['attainment'],
): Promise<void> {
  await sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(stored)}::jsonb) AS v(
        id uuid, sla_policy_id uuid, first_due timestamptz, next_response_due timestamptz,
        resolution_due timestamptz, next_due timestamptz, next_check timestamptz, paused boolean,
        at_risk boolean, breached boolean, state jsonb)
    ), a AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(attainment)}::jsonb) AS a(
        account_id uuid, conversation_id uuid, clock_id text, metric text, outcome text, target_ms bigint,
        started_at timestamptz, stopped_at timestamptz, stopped_by text, business_ms bigint,
        wall_clock_ms bigint, assignee_id uuid, channel_id uuid, priority text)
    ), updated AS (
      UPDATE conversations c SET
        sla_policy_id = v.sla_policy_id,
        sla_first_response_due_at = v.first_due,
        sla_next_response_due_at = v.next_response_due,
        sla_resolution_due_at = v.resolution_due,
        sla_next_due_at = v.next_due,
        sla_next_check_at = v.next_check,
        sla_paused = v.paused,
        sla_at_risk = v.at_risk,
        sla_breached = v.breached,
        sla_state = v.state
      FROM v WHERE c.id = v.id
    ), removed AS (
      -- A reopened resolution clock runs again: its attainment row goes until it stops again.
      DELETE FROM sla_attainment s
      WHERE s.conversation_id IN (SELECT id FROM v)
        AND NOT EXISTS (SELECT 1 FROM a WHERE a.conversation_id = s.conversation_id AND a.clock_id = s.clock_id)
    )
    INSERT INTO sla_attainment (account_id, conversation_id, clock_id, metric, outcome, target_ms, started_at,
      stopped_at, stopped_by, business_ms, wall_clock_ms, assignee_id, channel_id, priority, updated_at)
    SELECT account_id, conversation_id, clock_id, metric, outcome, target_ms, started_at, stopped_at,
      stopped_by, business_ms, wall_clock_ms, assignee_id, channel_id, priority, ${new Date()} FROM a
    ON CONFLICT (conversation_id, clock_id) DO UPDATE SET
      outcome = excluded.outcome, target_ms = excluded.target_ms, stopped_at = excluded.stopped_at,
      stopped_by = excluded.stopped_by, business_ms = excluded.business_ms,
      wall_clock_ms = excluded.wall_clock_ms, assignee_id = excluded.assignee_id,
      priority = excluded.priority, updated_at = excluded.updated_at`.execute(trx);
}
