import type { Generated } from 'kysely';
import type { BigId, CreatedAt, Json, Timestamp } from './columns.ts';

// Social listening (migration 0006).
export interface ListeningMonitorsTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  query: string;
  role: Generated<'brand' | 'competitor' | 'topic'>;
  is_active: Generated<boolean>;
  auto_case: Json<{ actionableNegative?: boolean; minReach?: number | null } | null> | null;
  alert_emails: Json<string[]>;
  alert_webhook_url: string | null;
  alert_webhook_secret: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ListeningDeliveriesTable {
  id: BigId;
  account_id: string;
  channel_id: string;
  event_key: string;
  body: string;
  status: Generated<'pending' | 'done' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

export interface ListeningMentionsTable {
  id: Generated<string>;
  account_id: string;
  channel_id: string;
  provider: string;
  external_id: string;
  text: string;
  language: string | null;
  author_external_id: string;
  author_handle: string | null;
  author_name: string | null;
  author_followers: number | null;
  author_verified: Generated<boolean>;
  author_url: string | null;
  permalink: string | null;
  posted_at: Timestamp;
  engagement: Generated<number>;
  engagement_detail: Json<Record<string, number>>;
  sentiment: string;
  sentiment_score: Generated<number>;
  intent: string;
  is_actionable: boolean;
  reach: Generated<number>;
  triage: Json<Record<string, unknown>>;
  conversation_id: string | null;
  message_id: string | null;
  converted_at: Timestamp | null;
  converted_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ListeningMentionMonitorsTable {
  mention_id: string;
  monitor_id: string;
  account_id: string;
  posted_at: Timestamp;
}

export interface ListeningObservationsTable {
  id: BigId;
  account_id: string;
  mention_id: string;
  is_first: boolean;
  observed_at: Timestamp;
  engagement: number;
}

export interface ListeningAlertsTable {
  id: Generated<string>;
  account_id: string;
  monitor_id: string;
  kind: string;
  status: 'open' | 'resolved';
  opened_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  message: string;
  detail: Json<Record<string, unknown>>;
}

export interface ListeningAlertDeliveriesTable {
  id: BigId;
  account_id: string;
  alert_id: string;
  monitor_id: string;
  transport: 'email' | 'webhook';
  event: string;
  target: string;
  body: string;
  status: Generated<'pending' | 'done' | 'failed' | 'suppressed'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface ListeningTables {
  listening_monitors: ListeningMonitorsTable;
  listening_deliveries: ListeningDeliveriesTable;
  listening_mentions: ListeningMentionsTable;
  listening_mention_monitors: ListeningMentionMonitorsTable;
  listening_observations: ListeningObservationsTable;
  listening_alerts: ListeningAlertsTable;
  listening_alert_deliveries: ListeningAlertDeliveriesTable;
}
