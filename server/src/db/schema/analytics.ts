import type { Generated } from 'kysely';
import type { BigId, CreatedAt, Json, Timestamp } from './columns.ts';

// Analytics (migration 0009): reporting events, one summary row per conversation, outgoing webhook.
export interface AnalyticsConversationsTable {
  conversation_id: string;
  account_id: string;
  channel_id: string;
  provider: string;
  is_public: boolean;
  is_case: Generated<boolean>;
  team_id: string | null;
  assignee_id: string | null;
  intent: string | null;
  priority: Generated<string>;
  sentiment_start: string | null;
  sentiment_end: string | null;
  started_at: Timestamp;
  cycle: Generated<number>;
  cycle_started_at: Timestamp;
  is_open: Generated<boolean>;
  awaiting_since: Timestamp | null;
  first_assigned_at: Timestamp | null;
  first_response_at: Timestamp | null;
  first_resolved_at: Timestamp | null;
  last_resolved_at: Timestamp | null;
  first_reopened_at: Timestamp | null;
  agent_reply_count: Generated<number>;
  cycle_agent_replies: Generated<number>;
  first_resolution_agent_replies: number | null;
  resolution_count: Generated<number>;
  reopen_count: Generated<number>;
  first_response_s: number | null;
  first_response_bh_s: number | null;
  assignment_s: number | null;
  assignment_bh_s: number | null;
  resolution_s: number | null;
  resolution_bh_s: number | null;
  handle_s: Generated<number>;
  csat_sent_at: Timestamp | null;
  csat_score: number | null;
  csat_message_id: string | null;
  updated_at: Timestamp;
  /** Migration 0015: whether its conversation_created event was in business hours. */
  started_in_business_hours: boolean | null;
  /** Migration 0015: whether its first resolution, if in cycle 1, was in business hours. */
  first_resolved_in_business_hours: boolean | null;
}

export interface AnalyticsEventsTable {
  id: BigId;
  account_id: string;
  conversation_id: string;
  kind: string;
  occurred_at: Timestamp;
  started_at: Timestamp | null;
  wall_s: number | null;
  business_s: number | null;
  is_business_hours: boolean;
  agent_id: string | null;
  team_id: string | null;
  channel_id: string;
  provider: string;
  is_public: boolean;
  is_case: boolean;
  priority: string;
  intent: string | null;
  cycle: Generated<number>;
  agent_replies: number | null;
  handle_s: number | null;
  metric: string | null;
  is_met: boolean | null;
  score: number | null;
  activity_id: number | null;
}

export interface AnalyticsWebhooksTable {
  account_id: string;
  url: string;
  secret_encrypted: string;
  kinds: Json<string[]>;
  is_active: Generated<boolean>;
  updated_at: Timestamp;
}

export interface AnalyticsWebhookDeliveriesTable {
  id: BigId;
  account_id: string;
  event_id: number;
  body: string;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
}

// Migration 0015: the 15-minute rollup of the count-only measures (analytics/rollup.ts).
export interface AnalyticsRollup15mTable {
  account_id: string;
  bucket_start: Timestamp;
  dimension: string;
  value: string;
  is_business_hours: boolean;
  inbound_messages: number;
  new_conversations: number;
  replies: number;
  reopens: number;
  sla_first_response_met: number;
  sla_first_response_breached: number;
  sla_next_response_met: number;
  sla_next_response_breached: number;
  sla_resolution_met: number;
  sla_resolution_breached: number;
  csat_sent: number;
  csat_answered: number;
  csat_score_sum: number;
  csat_satisfied: number;
}

export interface AnalyticsTables {
  analytics_conversations: AnalyticsConversationsTable;
  analytics_events: AnalyticsEventsTable;
  analytics_webhooks: AnalyticsWebhooksTable;
  analytics_webhook_deliveries: AnalyticsWebhookDeliveriesTable;
  analytics_rollup_15m: AnalyticsRollup15mTable;
}
