// The routing follower of the conversation activity log: on every relevant event it recomputes the
// conversation's SLA and routes unassigned work, inside the transaction that moves its cursor.
import type { Kysely } from 'kysely';
import type { Activity } from '../../activity/index.ts';
import type { DB } from '../../db/index.ts';
import { queueComparator } from '../queue-order.ts';
import { touchAgents } from './presence.ts';
import {
  beginRoutingPass,
  commitPass,
  isRoutable,
  lockRoutingRows,
  type RoutingPass,
  routeConversation,
} from './router.ts';
import { effectiveSettings, loadAccountRoutingSettings } from './settings.ts';
import { recomputeSlaMany, SLA_EVENT_KINDS } from './sla.ts';

export const ROUTING_FOLLOWER_KINDS = [
  ...SLA_EVENT_KINDS,
  'conversation.created',
  'conversation.assigned',
] as const;
export const SLA_FOLLOWER_KINDS = [...SLA_EVENT_KINDS, 'conversation.created'] as const;

export interface FollowerOutcome {
  /** Something was appended to the realtime log (announce after commit). */
  published: boolean;
  /** Capacity may have been freed or agents changed: the sweep should look at the queue. */
  capacityFreed: boolean;
  assigned: { conversationId: string; agentId: string }[];
}

const FREEING_STATUSES = new Set(['resolved', 'closed', 'snoozed']);

/** Handle a batch of activity rows inside the consumer's transaction. */
export async function handleRoutingActivity(
  trx: Kysely<DB>,
  rows: Activity[],
  now: Date,
): Promise<FollowerOutcome> {
  const outcome: FollowerOutcome = { published: false, capacityFreed: false, assigned: [] };
  const byAccount = new Map<string, Activity[]>();
  for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  // Lock order everywhere: conversations, then agents, then the activity/realtime order lock.
  const convIds = [...new Set(rows.map((r) => r.conversationId))].sort();
  const locked = await lockRoutingRows(trx, convIds);
  const rowById = new Map(locked.map((r) => [r.id, r]));
  const passes = new Map<string, RoutingPass>();
  for (const accountId of [...byAccount.keys()].sort()) {
    const hasWork = locked.some((r) => r.account_id === accountId && isRoutable(r));
    if (hasWork) passes.set(accountId, await beginRoutingPass(trx, accountId, now));
  }
  for (const [accountId, activity] of byAccount) {
    // Read only when needed: most batches have no assignment made by a person or a rule.
    let settings = passes.get(accountId)?.settings;
    // Assignments made by people or rules: start the no-reply timer from them.
    for (const row of activity) {
      if (row.kind === 'conversation.assigned') {
        const to = row.data.to as string | null;
        const conv = rowById.get(row.conversationId);
        if (!conv) continue;
        if (row.data.from && row.data.from !== to) outcome.capacityFreed = true;
        if (to && conv.assignee_id === to && conv.routed_at?.getTime() !== row.occurredAt.getTime()) {
          settings ??= await loadAccountRoutingSettings(trx, accountId);
          const minutes = effectiveSettings(settings, {
            channelId: conv.channel_id,
            teamId: conv.team_id,
          }).noReplyReassignMinutes;
          await trx
            .updateTable('conversations')
            .set({
              routed_at: row.occurredAt,
              routing_check_at:
                minutes === null ? null : new Date(row.occurredAt.getTime() + minutes * 60_000),
            })
            .where('id', '=', conv.id)
            .execute();
        }
      } else if (row.kind === 'conversation.status_changed' && FREEING_STATUSES.has(row.data.to as string)) {
        outcome.capacityFreed = true;
      }
    }
    const pass = passes.get(accountId);
    if (pass) {
      const mode = effectiveSettings(pass.settings).queueOrder;
      const compare = queueComparator(mode);
      const candidates = locked
        .filter((r) => r.account_id === accountId && isRoutable(r))
        .sort((a, b) =>
          compare(
            {
              id: a.id,
              priority: a.priority,
              waitingSince: (a.waiting_since ?? a.created_at).getTime(),
              slaDueAt: a.sla_next_due_at?.getTime() ?? null,
            },
            {
              id: b.id,
              priority: b.priority,
              waitingSince: (b.waiting_since ?? b.created_at).getTime(),
              slaDueAt: b.sla_next_due_at?.getTime() ?? null,
            },
          ),
        );
      for (const conv of candidates) {
        const agentId = await routeConversation(pass, conv);
        if (agentId) outcome.assigned.push({ conversationId: conv.id, agentId });
      }
      if (pass.changed.size > 0 || pass.pending.size > 0) {
        await commitPass(pass);
        outcome.published = true;
      }
    }
    const actors = [
      ...new Set(activity.filter((r) => r.kind === 'reply.sent' && r.actorUserId).map((r) => r.actorUserId!)),
    ];
    await touchAgents(trx, accountId, actors, now);
  }
  return outcome;
}

/**
 * The SLA follower: recompute the clocks of every conversation in the batch (its own consumer, so
 * assignment never waits for SLA work). Returns whether realtime events were appended.
 */
export async function handleSlaActivity(trx: Kysely<DB>, rows: Activity[], now: Date): Promise<boolean> {
  const { published } = await recomputeSlaMany(
    trx,
    rows.map((r) => r.conversationId),
    now,
  );
  return published;
}
