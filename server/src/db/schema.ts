import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | T, string | T>;
type BigId = ColumnType<number, never, never>;

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

// Routing and SLAs (migration 0004_routing).
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface TeamMembersTable {
  account_id: string;
  team_id: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface AgentSkillsTable {
  account_id: string;
  user_id: string;
  skill: string;
  proficiency: number;
}

export interface AgentCapacityTable {
  account_id: string;
  user_id: string;
  work_kind: string;
  max_open: number;
}

export interface AgentPresenceTable {
  account_id: string;
  user_id: string;
  status: PresenceStatus;
  set_by: 'agent' | 'inactivity' | 'supervisor' | 'system';
  changed_at: Timestamp;
  last_active_at: Timestamp;
  last_assigned_at: Timestamp | null;
}

export interface PresenceHistoryTable {
  id: BigId;
  account_id: string;
  user_id: string;
  status: PresenceStatus;
  set_by: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface RoutingSettingsTable {
  id: Generated<string>;
  account_id: string;
  scope: 'account' | 'team' | 'channel';
  scope_id: string | null;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface RoutingCursorsTable {
  account_id: string;
  key: string;
  agent_id: string;
}

export interface BusinessCalendarsTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  time_zone: string;
  is_always_open: Generated<boolean>;
  periods: Json<unknown[]>;
  holidays: Json<string[]>;
  special_days: Json<unknown[]>;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  calendar_id: string | null;
  at_risk_share: number;
  priority_factors: Json<Record<string, number>>;
  rules: Json<unknown[]>;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** bigint columns: PostgreSQL returns them as strings; read with Number(). */
type BigNumber = ColumnType<string | number, number, number>;

export interface SlaAttainmentTable {
  account_id: string;
  conversation_id: string;
  clock_id: string;
  metric: 'first_response' | 'next_response' | 'resolution';
  outcome: 'met' | 'breached';
  target_ms: BigNumber;
  started_at: Timestamp;
  stopped_at: Timestamp | null;
  stopped_by: string | null;
  business_ms: BigNumber;
  wall_clock_ms: BigNumber;
  assignee_id: string | null;
  channel_id: string;
  priority: string;
  updated_at: Timestamp;
}

export interface DB {
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
  team_members: TeamMembersTable;
  agent_skills: AgentSkillsTable;
  agent_capacity: AgentCapacityTable;
  agent_presence: AgentPresenceTable;
  presence_history: PresenceHistoryTable;
  routing_settings: RoutingSettingsTable;
  routing_cursors: RoutingCursorsTable;
  business_calendars: BusinessCalendarsTable;
  sla_policies: SlaPoliciesTable;
  sla_attainment: SlaAttainmentTable;
}

// Desk tools (migration 0005): interfaces merge with the tables above.
export interface ConversationsTable {
  snoozed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MembershipsTable {
  needs_approval: Generated<boolean>;
}

export interface LabelsTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  color: Generated<string>;
  created_at: CreatedAt;
}

export interface ConversationLabelsTable {
  account_id: string;
  conversation_id: string;
  label_id: string;
  created_at: CreatedAt;
}

export interface CannedResponsesTable {
  id: Generated<string>;
  account_id: string;
  owner_user_id: string | null;
  shortcut: string;
  title: string;
  body: string;
  created_by_user_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReplyApprovalsTable {
  id: Generated<string>;
  account_id: string;
  conversation_id: string;
  author_user_id: string | null;
  text: string;
  original_text: string;
  is_public: boolean;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  reviewer_user_id: string | null;
  reason: string | null;
  message_id: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

/** How long each agent had each conversation open (and typed in it); read by analytics for handle time. */
export interface ConversationWorkTimeTable {
  id: BigId;
  account_id: string;
  user_id: string;
  conversation_id: string;
  started_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
  last_state: 'viewing' | 'typing';
  typing_seconds: Generated<number>;
}

export interface AutomationRulesTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  position: Generated<number>;
  is_enabled: Generated<boolean>;
  stop_processing: Generated<boolean>;
  trigger: Json<Record<string, unknown>>;
  conditions: Json<Record<string, unknown>[]>;
  actions: Json<Record<string, unknown>[]>;
  fire_count: Generated<number>;
  last_fired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AutomationFiringsTable {
  id: BigId;
  account_id: string;
  rule_id: string;
  conversation_id: string;
  occasion: string;
  fired_at: Timestamp;
}

export interface AutomationWebhooksTable {
  id: BigId;
  account_id: string;
  rule_id: string | null;
  conversation_id: string | null;
  url: string;
  secret: string;
  body: string;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface DB {
  labels: LabelsTable;
  conversation_labels: ConversationLabelsTable;
  canned_responses: CannedResponsesTable;
  reply_approvals: ReplyApprovalsTable;
  conversation_work_time: ConversationWorkTimeTable;
  automation_rules: AutomationRulesTable;
  automation_firings: AutomationFiringsTable;
  automation_webhooks: AutomationWebhooksTable;
}

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

export interface DB {
  listening_monitors: ListeningMonitorsTable;
  listening_deliveries: ListeningDeliveriesTable;
  listening_mentions: ListeningMentionsTable;
  listening_mention_monitors: ListeningMentionMonitorsTable;
  listening_observations: ListeningObservationsTable;
  listening_alerts: ListeningAlertsTable;
  listening_alert_deliveries: ListeningAlertDeliveriesTable;
}

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

export interface DB {
  analytics_conversations: AnalyticsConversationsTable;
  analytics_events: AnalyticsEventsTable;
  analytics_webhooks: AnalyticsWebhooksTable;
  analytics_webhook_deliveries: AnalyticsWebhookDeliveriesTable;
}

// Channels (migration 0008): web chat visitors and public → private conversation links.
export interface WebchatVisitorsTable {
  id: Generated<string>;
  account_id: string;
  channel_id: string;
  visitor_id: string;
  name: string | null;
  email: string | null;
  is_verified: Generated<boolean>;
  origin: string | null;
  open_sockets: Generated<number>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ConversationLinksTable {
  id: Generated<string>;
  account_id: string;
  public_conversation_id: string;
  public_channel_id: string;
  public_external_id: string | null;
  private_channel_id: string;
  private_external_user_id: string | null;
  private_conversation_id: string | null;
  invite_message_id: string | null;
  private_message_id: string | null;
  closing_message_id: string | null;
  status: ColumnType<'invited' | 'linked' | 'closed', 'invited' | 'linked' | 'closed' | undefined>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB {
  webchat_visitors: WebchatVisitorsTable;
  conversation_links: ConversationLinksTable;
}

// Triage account models and retraining runs (0010_triage_accounts).
export interface TriageAccountModelsTable {
  account_id: string;
  version: number;
  model: Uint8Array;
  report: Json<Record<string, unknown>>;
  corrections: number;
  /** bigint: read with Number(). */
  last_correction_id: ColumnType<number | string, number, number>;
  trained_at: Timestamp;
}

export interface TriageRetrainRunsTable {
  id: BigId;
  account_id: string;
  trigger: 'api' | 'cli' | 'schedule';
  status: 'running' | 'accepted' | 'rejected' | 'failed';
  requested_by: string | null;
  corrections: Generated<number>;
  last_correction_id: ColumnType<number | string, number | undefined, number>;
  model_version: number | null;
  report: Json<Record<string, unknown>> | null;
  error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DB {
  triage_account_models: TriageAccountModelsTable;
  triage_retrain_runs: TriageRetrainRunsTable;
}
