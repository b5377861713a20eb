// Triage on every inbound message; conversation-level sentiment at start and end, intent,
// language, whether it is a case at all, and whether an agent set its priority by hand.
export const sql = /* sql */ `
ALTER TABLE messages ADD COLUMN triage jsonb;

ALTER TABLE conversations
  ADD COLUMN priority_is_manual boolean NOT NULL DEFAULT false,
  ADD COLUMN sentiment_start text,
  ADD COLUMN sentiment_end text,
  ADD COLUMN intent text,
  ADD COLUMN language text,
  ADD COLUMN is_case boolean NOT NULL DEFAULT true,
  ADD COLUMN triage jsonb;

CREATE TABLE triage_corrections (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  message_id uuid REFERENCES messages(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  field text NOT NULL CHECK (field IN ('sentiment', 'intent', 'priority')),
  from_value text,
  to_value text NOT NULL,
  text text,
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX triage_corrections_account ON triage_corrections (account_id, id);
`;
