import type { Generated } from 'kysely';
import type { BigId, CreatedAt, Json, Timestamp } from './columns.ts';

// Desk tools (migration 0005).
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
  /** Uploads (attachments.id) the held reply carries. */
  attachment_ids: Generated<string[]>;
  /** A held WhatsApp template reply: which template, language and parameters; null otherwise. */
  template: Json<HeldTemplate> | null;
}

export interface HeldTemplate {
  templateId: string;
  name: string;
  language: string;
  parameters: string[];
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
  /** Scheduled rules (0014): the slot being swept, the last conversation id done, and whether it is finished. */
  sweep_occasion: string | null;
  sweep_after_id: string | null;
  is_sweep_done: Generated<boolean>;
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
  /** Sealed with the server's secret key (0014), like channel credentials. */
  secret: string;
  body: string;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface DeskTables {
  labels: LabelsTable;
  conversation_labels: ConversationLabelsTable;
  canned_responses: CannedResponsesTable;
  reply_approvals: ReplyApprovalsTable;
  conversation_work_time: ConversationWorkTimeTable;
  automation_rules: AutomationRulesTable;
  automation_firings: AutomationFiringsTable;
  automation_webhooks: AutomationWebhooksTable;
}
