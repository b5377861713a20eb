// Workforce management: saved what-if scenarios per account, and an index for reading interval
// history (inbound messages by account and time) without scanning every message.
export const sql = /* sql */ `
CREATE TABLE wfm_scenarios (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, name)
);
CREATE INDEX messages_account_direction_sent ON messages (account_id, direction, sent_at);
`;
