// The agent desk's tools: labels, snooze and merge, canned responses, reply approvals, who is
// viewing or typing (and for how long), and automation rules with their firings and webhooks.
export const sql = /* sql */ `
ALTER TABLE conversations ADD COLUMN snoozed_until timestamptz;
ALTER TABLE conversations ADD COLUMN merged_into_id uuid REFERENCES conversations(id) ON DELETE SET NULL;
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';

ALTER TABLE memberships ADD COLUMN needs_approval boolean NOT NULL DEFAULT false;

CREATE TABLE labels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  color text NOT NULL DEFAULT '#64748b',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX labels_name ON labels (account_id, lower(name));

CREATE TABLE conversation_labels (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  label_id uuid NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_label ON conversation_labels (account_id, label_id);

CREATE TABLE canned_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- NULL: shared with the whole account; otherwise personal to this user.
  owner_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  shortcut text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses
  (account_id, coalesce(owner_user_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(shortcut));

CREATE TABLE reply_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  text text NOT NULL,
  original_text text NOT NULL,
  is_public boolean NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reviewer_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  reason text,
  message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX reply_approvals_pending ON reply_approvals (account_id, created_at) WHERE status = 'pending';
CREATE INDEX reply_approvals_conversation ON reply_approvals (conversation_id, created_at);

-- One row per stretch of an agent having a conversation open; heartbeats extend it.
CREATE TABLE conversation_work_time (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz,
  last_state text NOT NULL CHECK (last_state IN ('viewing', 'typing')),
  typing_seconds integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX conversation_work_time_open ON conversation_work_time (conversation_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX conversation_work_time_account ON conversation_work_time (account_id, started_at);

CREATE TABLE automation_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  is_enabled boolean NOT NULL DEFAULT true,
  stop_processing boolean NOT NULL DEFAULT false,
  trigger jsonb NOT NULL,
  conditions jsonb NOT NULL DEFAULT '[]',
  actions jsonb NOT NULL,
  fire_count integer NOT NULL DEFAULT 0,
  last_fired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX automation_rules_account ON automation_rules (account_id, position, created_at);

-- Each rule fires at most once per (conversation, occasion): a message, a waiting period, a slot.
CREATE TABLE automation_firings (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  rule_id uuid NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  occasion text NOT NULL,
  fired_at timestamptz NOT NULL,
  UNIQUE (rule_id, conversation_id, occasion)
);
CREATE INDEX automation_firings_conversation ON automation_firings (conversation_id, fired_at);

CREATE TABLE automation_webhooks (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  rule_id uuid REFERENCES automation_rules(id) ON DELETE SET NULL,
  conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
  url text NOT NULL,
  secret text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX automation_webhooks_pending ON automation_webhooks (next_attempt_at, id) WHERE status = 'pending';
`;
