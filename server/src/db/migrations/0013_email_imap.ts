// IMAP polling of an existing mailbox on email channels: one row per polled channel with where the
// last poll stopped (UIDVALIDITY and last UID), its health, and the lease that keeps two worker
// processes from polling the same mailbox at once.
export const sql = /* sql */ `
CREATE TABLE email_imap_state (
  channel_id uuid PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- host, port, user and mailbox the UIDs below belong to: a change of any means a resync.
  mailbox_key text,
  uid_validity text,
  last_uid bigint NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ok', 'error')),
  last_error text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_polled_at timestamptz,
  last_success_at timestamptz,
  next_poll_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_imap_state_due ON email_imap_state (next_poll_at);
`;
