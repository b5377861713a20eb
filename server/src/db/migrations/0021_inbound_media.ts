// Files customers send on Meta channels are downloaded into `attachments` (attachments/inbound-media):
// one job per inbound message with attachments. A claim (SKIP LOCKED) moves next_attempt_at a lease
// ahead, so two workers never fetch the same message and a crashed worker's job comes back; failures
// are retried with backoff. The partial index finds recent inbound messages with attachments
// without scanning every message.
export const sql = /* sql */ `
CREATE TABLE inbound_media (
  message_id uuid PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL
);
CREATE INDEX inbound_media_due ON inbound_media (next_attempt_at) WHERE status = 'pending';
CREATE INDEX messages_inbound_with_attachments ON messages (created_at)
  WHERE direction = 'in' AND attachments <> '[]'::jsonb;
`;
