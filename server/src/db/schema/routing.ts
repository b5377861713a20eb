import type { Generated } from 'kysely';
import type { BigId, BigNumber, CreatedAt, Json, Timestamp } from './columns.ts';

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

export interface RoutingTables {
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
