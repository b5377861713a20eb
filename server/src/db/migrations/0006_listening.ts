// Social listening: monitors, public posts stored as mentions (not cases), the raw listening-stream
// deliveries they come from, engagement readings, alerts and their outgoing email/webhook deliveries.
export const sql = /* sql */ `
CREATE TABLE listening_monitors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  query text NOT NULL,
  role text NOT NULL DEFAULT 'brand' CHECK (role IN ('brand', 'competitor', 'topic')),
  is_active boolean NOT NULL DEFAULT true,
  auto_case jsonb,
  alert_emails jsonb NOT NULL DEFAULT '[]',
  alert_webhook_url text,
  alert_webhook_secret text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listening_monitors_account ON listening_monitors (account_id, created_at);

-- Raw listening-stream deliveries, stored before the platform is acknowledged (as inbound_events).
CREATE TABLE listening_deliveries (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  event_key text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (channel_id, event_key)
);
CREATE INDEX listening_deliveries_pending ON listening_deliveries (next_attempt_at, id) WHERE status = 'pending';

CREATE TABLE listening_mentions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  provider text NOT NULL,
  external_id text NOT NULL,
  text text NOT NULL,
  language text,
  author_external_id text NOT NULL,
  author_handle text,
  author_name text,
  author_followers integer,
  author_verified boolean NOT NULL DEFAULT false,
  author_url text,
  permalink text,
  posted_at timestamptz NOT NULL,
  engagement integer NOT NULL DEFAULT 0,
  engagement_detail jsonb NOT NULL DEFAULT '{}',
  sentiment text NOT NULL,
  sentiment_score real NOT NULL DEFAULT 0,
  intent text NOT NULL,
  is_actionable boolean NOT NULL,
  reach real NOT NULL DEFAULT 0,
  triage jsonb NOT NULL,
  conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
  message_id uuid,
  converted_at timestamptz,
  converted_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, channel_id, external_id)
);
CREATE INDEX listening_mentions_stream ON listening_mentions (account_id, posted_at DESC, id DESC);

CREATE TABLE listening_mention_monitors (
  mention_id uuid NOT NULL REFERENCES listening_mentions(id) ON DELETE CASCADE,
  monitor_id uuid NOT NULL REFERENCES listening_monitors(id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  posted_at timestamptz NOT NULL,
  PRIMARY KEY (mention_id, monitor_id)
);
CREATE INDEX listening_mention_monitors_monitor ON listening_mention_monitors (account_id, monitor_id, posted_at DESC);

-- Every sighting of a post (first arrival and later engagement readings), in commit order: the
-- alert worker follows this log by id.
CREATE TABLE listening_observations (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  mention_id uuid NOT NULL REFERENCES listening_mentions(id) ON DELETE CASCADE,
  is_first boolean NOT NULL,
  observed_at timestamptz NOT NULL,
  engagement integer NOT NULL
);
CREATE INDEX listening_observations_account ON listening_observations (account_id, id);

CREATE TABLE listening_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  monitor_id uuid NOT NULL REFERENCES listening_monitors(id) ON DELETE CASCADE,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'resolved')),
  opened_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  resolved_at timestamptz,
  message text NOT NULL,
  detail jsonb NOT NULL,
  UNIQUE (account_id, monitor_id, kind, opened_at)
);
CREATE INDEX listening_alerts_account ON listening_alerts (account_id, opened_at DESC);

CREATE TABLE listening_alert_deliveries (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  alert_id uuid NOT NULL REFERENCES listening_alerts(id) ON DELETE CASCADE,
  monitor_id uuid NOT NULL,
  transport text NOT NULL CHECK (transport IN ('email', 'webhook')),
  event text NOT NULL,
  target text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'suppressed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX listening_alert_deliveries_pending ON listening_alert_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX listening_alert_deliveries_monitor ON listening_alert_deliveries (monitor_id, transport, created_at);
`;
