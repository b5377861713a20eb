// Analytics: reporting events written by the analytics follower of the activity log as things
// happen (each duration with its wall-clock and business-hours value), one summary row per
// conversation, and the outgoing signed webhook for report-worthy events.
export const sql = /* sql */ `
CREATE TABLE analytics_conversations (
  conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL,
  provider text NOT NULL,
  is_public boolean NOT NULL,
  is_case boolean NOT NULL DEFAULT true,
  team_id uuid,
  assignee_id uuid,
  intent text,
  priority text NOT NULL DEFAULT 'normal',
  sentiment_start text,
  sentiment_end text,
  started_at timestamptz NOT NULL,
  cycle integer NOT NULL DEFAULT 1,
  cycle_started_at timestamptz NOT NULL,
  is_open boolean NOT NULL DEFAULT true,
  awaiting_since timestamptz,
  first_assigned_at timestamptz,
  first_response_at timestamptz,
  first_resolved_at timestamptz,
  last_resolved_at timestamptz,
  first_reopened_at timestamptz,
  agent_reply_count integer NOT NULL DEFAULT 0,
  cycle_agent_replies integer NOT NULL DEFAULT 0,
  first_resolution_agent_replies integer,
  resolution_count integer NOT NULL DEFAULT 0,
  reopen_count integer NOT NULL DEFAULT 0,
  first_response_s double precision,
  first_response_bh_s double precision,
  assignment_s double precision,
  assignment_bh_s double precision,
  resolution_s double precision,
  resolution_bh_s double precision,
  handle_s double precision NOT NULL DEFAULT 0,
  csat_sent_at timestamptz,
  csat_score smallint,
  csat_message_id uuid,
  updated_at timestamptz NOT NULL
);
CREATE INDEX analytics_conversations_started ON analytics_conversations (account_id, started_at);
CREATE INDEX analytics_conversations_resolved ON analytics_conversations (account_id, first_resolved_at)
  WHERE first_resolved_at IS NOT NULL;
CREATE INDEX analytics_conversations_open ON analytics_conversations (account_id, cycle_started_at) WHERE is_open;

-- kind: conversation_created | message_in | first_response | next_response | reply | assignment |
-- resolution | reopen | sla | csat_sent | csat_answered. started_at is when the measured clock
-- started; wall_s / business_s are its length (NULL for events that measure nothing).
CREATE TABLE analytics_events (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  started_at timestamptz,
  wall_s double precision,
  business_s double precision,
  is_business_hours boolean NOT NULL,
  agent_id uuid,
  team_id uuid,
  channel_id uuid NOT NULL,
  provider text NOT NULL,
  is_public boolean NOT NULL,
  is_case boolean NOT NULL,
  priority text NOT NULL,
  intent text,
  cycle integer NOT NULL DEFAULT 1,
  agent_replies integer,
  handle_s double precision,
  metric text,
  is_met boolean,
  score smallint,
  activity_id bigint
);
-- Reports read a kind over a time range and need nearly every column: covering them all keeps
-- every report an index-only scan of just that range (a heap scan reads every kind and account).
CREATE INDEX analytics_events_report ON analytics_events (account_id, kind, occurred_at)
  INCLUDE (conversation_id, started_at, wall_s, business_s, is_business_hours, agent_id, team_id, channel_id,
           provider, is_public, is_case, priority, intent, cycle, agent_replies, handle_s, metric, is_met, score);
CREATE INDEX analytics_events_conversation ON analytics_events (conversation_id, id);

-- Handle time per resolution cycle reads one conversation's work stretches; productivity reads the
-- stretches overlapping a range (ended, or last seen, after its start).
CREATE INDEX IF NOT EXISTS conversation_work_time_conversation ON conversation_work_time (conversation_id, started_at);
CREATE INDEX IF NOT EXISTS conversation_work_time_until ON conversation_work_time
  (account_id, (coalesce(ended_at, last_seen_at)));

CREATE TABLE analytics_webhooks (
  account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  url text NOT NULL,
  secret_encrypted text NOT NULL,
  kinds jsonb NOT NULL DEFAULT '[]',
  is_active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

CREATE TABLE analytics_webhook_deliveries (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id bigint NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analytics_webhook_deliveries_pending ON analytics_webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX analytics_webhook_deliveries_account ON analytics_webhook_deliveries (account_id, id);
`;
