// One ordered log of what happened to each conversation: the agent's activity timeline, and the
// feed that routing, SLA clocks, automation and analytics consume, each from its own cursor.
export const sql = /* sql */ `
CREATE TABLE conversation_activity (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  kind text NOT NULL,
  actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  message_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_activity_conversation ON conversation_activity (conversation_id, id);
CREATE INDEX conversation_activity_account ON conversation_activity (account_id, id);

CREATE TABLE activity_cursors (
  consumer text PRIMARY KEY,
  last_id bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
