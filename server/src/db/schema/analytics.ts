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

export interface AnalyticsTables {
  analytics_conversations: AnalyticsConversationsTable;
  analytics_events: AnalyticsEventsTable;
  analytics_webhooks: AnalyticsWebhooksTable;
  analytics_webhook_deliveries: AnalyticsWebhookDeliveriesTable;
}
