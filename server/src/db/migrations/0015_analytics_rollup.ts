// Analytics: a 15-minute rollup of the count-only reporting measures (volume, replies, reopens,
// SLA outcomes, CSAT counts) per account, UTC quarter hour, business-hours flag and value of one
// dimension ('all' holds the totals). The analytics follower adds to it in the transaction that
// writes the events; reports read it for whole quarter hours. Filled here from the events already
// recorded (the same SELECT as analytics/rollup.ts).
// Also on each conversation's summary: whether it started, and whether it was first resolved (in
// its first cycle), in business hours, so reports filtered by hours need not join the events.
export const sql = /* sql */ `
ALTER TABLE analytics_conversations
  ADD COLUMN started_in_business_hours boolean,
  ADD COLUMN first_resolved_in_business_hours boolean;
UPDATE analytics_conversations c
SET started_in_business_hours = h.started, first_resolved_in_business_hours = h.resolved
FROM (SELECT conversation_id,
        bool_or(is_business_hours) FILTER (WHERE kind = 'conversation_created') AS started,
        bool_or(is_business_hours) FILTER (WHERE kind = 'resolution') AS resolved
      FROM analytics_events WHERE kind IN ('conversation_created', 'resolution') AND cycle = 1
      GROUP BY conversation_id) h
WHERE h.conversation_id = c.conversation_id;

CREATE TABLE analytics_rollup_15m (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  bucket_start timestamptz NOT NULL,
  dimension text NOT NULL,
  value text NOT NULL,
  is_business_hours boolean NOT NULL,
  inbound_messages integer NOT NULL DEFAULT 0,
  new_conversations integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0,
  reopens integer NOT NULL DEFAULT 0,
  sla_first_response_met integer NOT NULL DEFAULT 0,
  sla_first_response_breached integer NOT NULL DEFAULT 0,
  sla_next_response_met integer NOT NULL DEFAULT 0,
  sla_next_response_breached integer NOT NULL DEFAULT 0,
  sla_resolution_met integer NOT NULL DEFAULT 0,
  sla_resolution_breached integer NOT NULL DEFAULT 0,
  csat_sent integer NOT NULL DEFAULT 0,
  csat_answered integer NOT NULL DEFAULT 0,
  csat_score_sum integer NOT NULL DEFAULT 0,
  csat_satisfied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, dimension, bucket_start, value, is_business_hours)
);

INSERT INTO analytics_rollup_15m (account_id, bucket_start, dimension, value, is_business_hours,
  inbound_messages, new_conversations, replies, reopens, sla_first_response_met, sla_first_response_breached,
  sla_next_response_met, sla_next_response_breached, sla_resolution_met, sla_resolution_breached,
  csat_sent, csat_answered, csat_score_sum, csat_satisfied)
SELECT e.account_id, date_bin('15 minutes', e.occurred_at, timestamptz '2001-01-01 00:00:00+00'),
  d.dimension, d.value, e.is_business_hours,
  sum((e.kind = 'message_in')::int)::int,
  sum((e.kind = 'conversation_created' AND e.is_case)::int)::int,
  sum((e.kind = 'reply')::int)::int,
  sum((e.kind = 'reopen' AND e.is_case)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'first_response' AND e.is_met)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'first_response' AND NOT e.is_met)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'next_response' AND e.is_met)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'next_response' AND NOT e.is_met)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'resolution' AND e.is_met)::int)::int,
  sum((e.kind = 'sla' AND e.metric = 'resolution' AND NOT e.is_met)::int)::int,
  sum((e.kind = 'csat_sent')::int)::int,
  sum((e.kind = 'csat_answered')::int)::int,
  sum(CASE WHEN e.kind = 'csat_answered' THEN coalesce(e.score, 0) ELSE 0 END)::int,
  sum((e.kind = 'csat_answered' AND e.score >= 4)::int)::int
FROM analytics_events e CROSS JOIN LATERAL (VALUES
  ('all', ''),
  ('channel', e.channel_id::text),
  ('provider', e.provider),
  ('visibility', CASE WHEN e.is_public THEN 'public' ELSE 'private' END),
  ('team', coalesce(e.team_id::text, '')),
  ('agent', coalesce(e.agent_id::text, '')),
  ('priority', e.priority),
  ('intent', coalesce(e.intent, ''))) AS d(dimension, value)
WHERE e.kind IN ('message_in', 'reply', 'csat_sent', 'csat_answered')
   OR (e.kind IN ('conversation_created', 'reopen') AND e.is_case)
   OR (e.kind = 'sla' AND e.metric IN ('first_response', 'next_response', 'resolution') AND e.is_met IS NOT NULL)
GROUP BY 1, 2, 3, 4, 5;
`;
