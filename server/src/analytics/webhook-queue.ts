// The outgoing webhook for report-worthy events: which events go out, and their queued deliveries.
import type { Kysely, Selectable } from 'kysely';
import type { AnalyticsEventsTable, DB } from '../db/index.ts';

/** Events a BI tool or CRM follows; volume events (every message) are left to the reports. */
export const WEBHOOK_EVENT_KINDS = [
  'first_response',
  'next_response',
  'assignment',
  'resolution',
  'reopen',
  'sla',
  'csat_sent',
  'csat_answered',
] as const;

export type AnalyticsEvent = Selectable<AnalyticsEventsTable>;

/** The public shape of a reporting event (API, CSV and webhook bodies). */
export function eventDto(event: AnalyticsEvent) {
  return {
    id: Number(event.id),
    kind: event.kind,
    conversationId: event.conversation_id,
    occurredAt: event.occurred_at.toISOString(),
    startedAt: event.started_at ? event.started_at.toISOString() : null,
    wallSeconds: event.wall_s,
    businessSeconds: event.business_s,
    isBusinessHours: event.is_business_hours,
    agentId: event.agent_id,
    teamId: event.team_id,
    channelId: event.channel_id,
    provider: event.provider,
    isPublic: event.is_public,
    priority: event.priority,
    intent: event.intent,
    cycle: event.cycle,
    ...(event.agent_replies !== null ? { agentReplies: event.agent_replies } : {}),
    ...(event.handle_s !== null ? { handleSeconds: event.handle_s } : {}),
    ...(event.metric !== null ? { metric: event.metric, isMet: event.is_met } : {}),
    ...(event.score !== null ? { score: event.score } : {}),
  };
}

/** Queue one delivery per subscribed event, in the transaction that wrote the events. */
export async function queueWebhookDeliveries(
  trx: Kysely<DB>,
  events: AnalyticsEvent[],
  kindsByAccount: Map<string, Set<string> | null>,
  now: Date,
): Promise<void> {
  const rows = events
    .filter((e) => kindsByAccount.get(e.account_id)?.has(e.kind))
    .map((e) => ({
      account_id: e.account_id,
      event_id: Number(e.id),
      body: JSON.stringify({ type: `analytics.${e.kind}`, accountId: e.account_id, event: eventDto(e) }),
      next_attempt_at: now,
    }));
  if (rows.length > 0) await trx.insertInto('analytics_webhook_deliveries').values(rows).execute();
}
