// Web chat visitors (who they are, whether they are on the page, where to email them when they
// have left) and links from a public post to the private conversation it continued in.
export const sql = /* sql */ `
CREATE TABLE webchat_visitors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  visitor_id text NOT NULL,
  name text,
  email text,
  is_verified boolean NOT NULL DEFAULT false,
  origin text,
  open_sockets integer NOT NULL DEFAULT 0,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, visitor_id)
);
CREATE INDEX webchat_visitors_account ON webchat_visitors (account_id);

CREATE TABLE conversation_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  public_conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  public_channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  -- The public post or comment the invitation answered (closing replies go under it too).
  public_external_id text,
  private_channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  -- The customer on the private channel (PSID, IGSID, X user id), when known up front.
  private_external_user_id text,
  private_conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
  invite_message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  private_message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  closing_message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'linked', 'closed')),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_links_public ON conversation_links (account_id, public_conversation_id);
CREATE INDEX conversation_links_private ON conversation_links (account_id, private_conversation_id);
`;
