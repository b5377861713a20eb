import type { ColumnType, Generated } from 'kysely';
import type { BigId, CreatedAt, Json, Timestamp } from './columns.ts';

// Accounts, channels, the inbox, the pipelines, realtime, activity, triage corrections, WFM scenarios (0001–0003, 0007).
export type Role = 'admin' | 'supervisor' | 'agent';
export type ConversationStatus = 'new' | 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type PriorityLevel = 'urgent' | 'high' | 'normal' | 'low';
export type DeliveryStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown';

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  settings: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp | null;
}

export interface MembershipsTable {
  account_id: string;
  user_id: string;
  role: Role;
  created_at: CreatedAt;
  /** Desk tools (0005): this member's public replies wait for a supervisor. */
  needs_approval: Generated<boolean>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  account_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  account_id: string;
  created_by_user_id: string;
  name: string;
  token_hash: string;
  role: Role;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: BigId;
  account_id: string;
  actor_user_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface TeamsTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ChannelsTable {
  id: Generated<string>;
  account_id: string;
  provider: string;
  name: string;
  credentials_encrypted: string;
  settings: Json<Record<string, unknown>>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContactsTable {
  id: Generated<string>;
  account_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  is_vip: Generated<boolean>;
  merged_into_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContactIdentitiesTable {
  id: Generated<string>;
  account_id: string;
  contact_id: string;
  provider: string;
  external_user_id: string;
  handle: string | null;
  display_name: string | null;
  follower_count: number | null;
  is_verified: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  account_id: string;
  contact_id: string;
  channel_id: string;
  status: Generated<ConversationStatus>;
  priority: Generated<PriorityLevel>;
  priority_rank: Generated<number>;
  priority_score: Generated<number>;
  assignee_id: string | null;
  team_id: string | null;
  is_public: boolean;
  subject: string | null;
  snippet: Generated<string>;
  waiting_since: Timestamp | null;
  first_response_at: Timestamp | null;
  last_customer_message_at: Timestamp | null;
  last_agent_reply_at: Timestamp | null;
  last_message_at: Timestamp;
  resolved_at: Timestamp | null;
  reopen_count: Generated<number>;
  message_count: Generated<number>;
  priority_is_manual: Generated<boolean>;
  sentiment_start: string | null;
  sentiment_end: string | null;
  intent: string | null;
  language: string | null;
  is_case: Generated<boolean>;
  triage: Json<Record<string, unknown>> | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // Routing and SLA (0004_routing).
  work_kind: ColumnType<string | null, string | null | undefined, string | null>;
  routed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  routing_check_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  sla_first_response_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_next_response_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_resolution_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_next_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_next_check_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_paused: Generated<boolean>;
  sla_at_risk: Generated<boolean>;
  sla_breached: Generated<boolean>;
  sla_state: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** Desk tools (0005): snoozed until, and the conversation this one was merged into. */
  snoozed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Automation's time-rule sweep (0014): the wait it scheduled, and when it must look next. */
  automation_wait_seen: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  automation_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MessagesTable {
  id: Generated<string>;
  account_id: string;
  conversation_id: string;
  channel_id: string;
  direction: 'in' | 'out';
  is_public: boolean;
  surface: string;
  author_type: 'contact' | 'user' | 'system';
  author_contact_id: string | null;
  author_user_id: string | null;
  text: string;
  attachments: Json<unknown[]>;
  external_id: string | null;
  reply_to_external_id: string | null;
  delivery_status: DeliveryStatus;
  delivery_error: string | null;
  metadata: Json<Record<string, unknown>>;
  is_deleted: Generated<boolean>;
  edited_at: Timestamp | null;
  triage: Json<Record<string, unknown>> | null;
  sent_at: Timestamp;
  created_at: CreatedAt;
}

export interface NotesTable {
  id: Generated<string>;
  account_id: string;
  conversation_id: string | null;
  contact_id: string | null;
  author_user_id: string | null;
  text: string;
  created_at: CreatedAt;
}

export interface InboundEventsTable {
  id: BigId;
  account_id: string;
  channel_id: string;
  provider: string;
  event_key: string;
  body: string;
  status: Generated<'pending' | 'done' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

export interface OutboxTable {
  id: BigId;
  account_id: string;
  message_id: string;
  channel_id: string;
  status: Generated<'pending' | 'sending' | 'done' | 'failed' | 'unknown'>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RealtimeEventsTable {
  id: BigId;
  account_id: string;
  type: string;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface TriageCorrectionsTable {
  id: BigId;
  account_id: string;
  message_id: string | null;
  conversation_id: string;
  field: 'sentiment' | 'intent' | 'priority';
  from_value: string | null;
  to_value: string;
  text: string | null;
  user_id: string | null;
  created_at: CreatedAt;
}

export interface ConversationActivityTable {
  id: BigId;
  account_id: string;
  conversation_id: string;
  kind: string;
  actor_user_id: string | null;
  message_id: string | null;
  data: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
  created_at: CreatedAt;
}

export interface ActivityCursorsTable {
  consumer: string;
  last_id: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WfmScenariosTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  created_by_user_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CoreTables {
  wfm_scenarios: WfmScenariosTable;
  conversation_activity: ConversationActivityTable;
  activity_cursors: ActivityCursorsTable;
  triage_corrections: TriageCorrectionsTable;
  accounts: AccountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  teams: TeamsTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  notes: NotesTable;
  inbound_events: InboundEventsTable;
  outbox: OutboxTable;
  realtime_events: RealtimeEventsTable;
}
