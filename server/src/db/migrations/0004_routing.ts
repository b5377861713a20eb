// Routing and SLAs on the database: team members, skills, capacity per kind of work, presence (and
// its history for analytics), routing settings per account/team/channel, round-robin cursors,
// business-hours calendars, SLA policies, SLA state on conversations and attainment per clock.
export const sql = /* sql */ `
CREATE TABLE team_members (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (account_id, user_id);

CREATE TABLE agent_skills (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skill text NOT NULL,
  proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
  PRIMARY KEY (account_id, user_id, skill)
);

CREATE TABLE agent_capacity (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  work_kind text NOT NULL,
  max_open integer NOT NULL CHECK (max_open >= 0),
  PRIMARY KEY (account_id, user_id, work_kind)
);

-- One row per agent; routing locks it (FOR UPDATE) while it counts the agent's load and assigns,
-- which is what keeps capacity under concurrent assigners.
CREATE TABLE agent_presence (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
  set_by text NOT NULL DEFAULT 'agent' CHECK (set_by IN ('agent', 'inactivity', 'supervisor', 'system')),
  changed_at timestamptz NOT NULL,
  last_active_at timestamptz NOT NULL,
  last_assigned_at timestamptz,
  PRIMARY KEY (account_id, user_id)
);

CREATE TABLE presence_history (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('online', 'away', 'offline')),
  set_by text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX presence_history_user ON presence_history (account_id, user_id, started_at);
CREATE INDEX presence_history_open ON presence_history (account_id, user_id) WHERE ended_at IS NULL;

-- scope 'account' (scope_id NULL), 'team' or 'channel'; the most specific row wins per field.
CREATE TABLE routing_settings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('account', 'team', 'channel')),
  scope_id uuid,
  settings jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_settings_scope ON routing_settings (account_id, scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE routing_cursors (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  key text NOT NULL,
  agent_id uuid NOT NULL,
  PRIMARY KEY (account_id, key)
);

CREATE TABLE business_calendars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  time_zone text NOT NULL,
  is_always_open boolean NOT NULL DEFAULT false,
  periods jsonb NOT NULL DEFAULT '[]',
  holidays jsonb NOT NULL DEFAULT '[]',
  special_days jsonb NOT NULL DEFAULT '[]',
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX business_calendars_account ON business_calendars (account_id);
CREATE UNIQUE INDEX business_calendars_default ON business_calendars (account_id) WHERE is_default;

-- rules: ordered [{ name, match: { channels?, visibility?, priorities? }, targets: { firstResponseMs,
-- nextResponseMs, resolutionMs } }]; calendar_id NULL means around the clock.
CREATE TABLE sla_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  calendar_id uuid REFERENCES business_calendars(id) ON DELETE SET NULL,
  at_risk_share real NOT NULL DEFAULT 0.75,
  priority_factors jsonb NOT NULL,
  rules jsonb NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sla_policies_account ON sla_policies (account_id);
CREATE UNIQUE INDEX sla_policies_default ON sla_policies (account_id) WHERE is_default;

ALTER TABLE conversations
  ADD COLUMN work_kind text,
  ADD COLUMN routed_at timestamptz,
  ADD COLUMN routing_check_at timestamptz,
  ADD COLUMN sla_policy_id uuid,
  ADD COLUMN sla_first_response_due_at timestamptz,
  ADD COLUMN sla_next_response_due_at timestamptz,
  ADD COLUMN sla_resolution_due_at timestamptz,
  ADD COLUMN sla_next_due_at timestamptz,
  ADD COLUMN sla_next_check_at timestamptz,
  ADD COLUMN sla_paused boolean NOT NULL DEFAULT false,
  ADD COLUMN sla_at_risk boolean NOT NULL DEFAULT false,
  ADD COLUMN sla_breached boolean NOT NULL DEFAULT false,
  ADD COLUMN sla_state jsonb;
CREATE INDEX conversations_sla_check ON conversations (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
CREATE INDEX conversations_routing_check ON conversations (routing_check_at) WHERE routing_check_at IS NOT NULL;
CREATE INDEX conversations_unassigned ON conversations (account_id, priority_rank, waiting_since)
  WHERE assignee_id IS NULL AND status IN ('new', 'open');
CREATE INDEX conversations_sla_due ON conversations (account_id, (coalesce(sla_next_due_at, 'infinity'::timestamptz)), id);

-- One row per SLA clock whose outcome is known (met, or breached while still running); upserted on
-- every recomputation, deleted when a reopened resolution clock runs again. Analytics reads this.
CREATE TABLE sla_attainment (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  clock_id text NOT NULL,
  metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  outcome text NOT NULL CHECK (outcome IN ('met', 'breached')),
  target_ms bigint NOT NULL,
  started_at timestamptz NOT NULL,
  stopped_at timestamptz,
  stopped_by text,
  business_ms bigint NOT NULL,
  wall_clock_ms bigint NOT NULL,
  assignee_id uuid,
  channel_id uuid NOT NULL,
  priority text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, clock_id)
);
CREATE INDEX sla_attainment_account ON sla_attainment (account_id, started_at);
`;
