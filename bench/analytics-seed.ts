// Seeds one account with a year of history in PostgreSQL with set-based SQL (generate_series):
// conversations, their messages, and the reporting events the analytics follower would have
// written for them (24/7 calendar: business seconds equal wall-clock seconds).
import type pg from 'pg';

export interface SeedSize {
  conversations: number;
  /** Agents, teams, channels. */
  agents: number;
  days: number;
}

/** Statements in order, each with a label for the progress bar. */
export function seedStatements(
  accountId: string,
  now: Date,
  size: SeedSize,
): { label: string; sql: string }[] {
  const n = size.conversations;
  const nowIso = now.toISOString();
  const a = `'${accountId}'::uuid`;
  const contacts = Math.ceil(n / 5);
  return [
    { label: 'setup', sql: 'SELECT setseed(0.42)' },
    {
      label: 'channels',
      sql: `INSERT INTO channels (account_id, provider, name, credentials_encrypted, updated_at)
        SELECT ${a}, p, 'Bench ' || p, '', now() FROM unnest(ARRAY['x','facebook','instagram','messenger','whatsapp','email']) p`,
    },
    {
      label: 'agents',
      sql: `WITH u AS (INSERT INTO users (email, name) SELECT 'bench-agent-' || g || '-' || ${a} || '@example.test', 'Agent ' || g
              FROM generate_series(1, ${size.agents}) g RETURNING id)
            INSERT INTO memberships (account_id, user_id, role) SELECT ${a}, id, 'agent' FROM u`,
    },
    {
      label: 'teams',
      sql: `INSERT INTO teams (account_id, name) SELECT ${a}, 'Team ' || g FROM generate_series(1, 5) g`,
    },
    {
      label: 'contacts',
      // Ids derived from the number, so conversations can name their contact without a join.
      sql: `INSERT INTO contacts (id, account_id, name, updated_at)
        SELECT md5(${a}::text || ':' || g)::uuid, ${a}, 'Customer ' || g, now() FROM generate_series(1, ${contacts}) g`,
    },
    {
      label: 'lookups',
      sql: `CREATE TEMP TABLE seed_ch AS SELECT row_number() OVER (ORDER BY provider)::int AS k, id, provider FROM channels WHERE account_id = ${a};
        CREATE TEMP TABLE seed_ag AS SELECT row_number() OVER (ORDER BY user_id)::int AS k, user_id FROM memberships WHERE account_id = ${a};
        CREATE TEMP TABLE seed_tm AS SELECT row_number() OVER (ORDER BY id)::int AS k, id FROM teams WHERE account_id = ${a};
        ANALYZE seed_ch; ANALYZE seed_ag; ANALYZE seed_tm`,
    },
    {
      label: 'plan',
      // One row per conversation with every instant of its life: in, assigned, first reply,
      // customer again, second reply, thanks, resolved (NULL when still open at "now").
      sql: `CREATE TEMP TABLE seed_plan AS
        WITH base AS (
               SELECT g, gen_random_uuid() AS id,
                 timestamptz '${nowIso}' - interval '2 days' - make_interval(secs => random() * ${size.days} * 86400) AS t0,
                 30 + random() * 1800 AS assign_s, 60 + power(random(), 3) * 20000 AS first_s,
                 60 + random() * 3600 AS gap2_s, 60 + power(random(), 2) * 7200 AS next_s,
                 60 + random() * 600 AS gap3_s, 60 + random() * 3600 AS close_s,
                 random() AS r1, random() AS r2, random() AS r3
               FROM generate_series(1, ${n}) g)
        SELECT b.g, b.id, ch.id AS channel_id, ch.provider,
          ch.provider IN ('x', 'facebook', 'instagram') AND b.r1 < 0.7 AS is_public,
          md5(${a}::text || ':' || (1 + b.g % ${contacts}))::uuid AS contact_id, tm.id AS team_id, ag.user_id AS agent_id,
          (ARRAY['urgent','high','normal','normal','normal','low'])[1 + (b.g % 6)] AS priority,
          (ARRAY['delivery','refund','billing','account','complaint','question'])[1 + (b.g % 6)] AS intent,
          CASE WHEN b.r2 < 0.3 THEN 'negative' WHEN b.r2 < 0.8 THEN 'neutral' ELSE 'positive' END AS sentiment_start,
          CASE WHEN b.r3 < 0.15 THEN 'negative' WHEN b.r3 < 0.7 THEN 'neutral' ELSE 'positive' END AS sentiment_end,
          b.t0,
          b.t0 + make_interval(secs => b.assign_s) AS t_assign,
          b.t0 + make_interval(secs => b.first_s) AS t1,
          b.t0 + make_interval(secs => b.first_s + b.gap2_s) AS t2,
          b.t0 + make_interval(secs => b.first_s + b.gap2_s + b.next_s) AS t3,
          b.t0 + make_interval(secs => b.first_s + b.gap2_s + b.next_s + b.gap3_s) AS t4,
          CASE WHEN b.r3 < 0.995 THEN b.t0 + make_interval(secs => b.first_s + b.gap2_s + b.next_s + b.gap3_s + b.close_s) END AS t5,
          b.r1 < 0.3 AS wants_survey
        FROM base b
        JOIN seed_ch ch ON ch.k = 1 + (b.g % 6)::int
        JOIN seed_ag ag ON ag.k = 1 + (b.g % ${size.agents})::int
        JOIN seed_tm tm ON tm.k = 1 + (b.g % 5)::int
        -- In time order, as a live system writes them: later inserts read the plan in this order.
        ORDER BY b.t0`,
    },
    { label: 'plan index', sql: 'ANALYZE seed_plan' },
    {
      label: 'conversations',
      sql: `INSERT INTO conversations (id, account_id, contact_id, channel_id, status, priority, priority_rank, assignee_id,
              team_id, is_public, snippet, first_response_at, last_customer_message_at, last_agent_reply_at, last_message_at,
              resolved_at, message_count, sentiment_start, sentiment_end, intent, created_at, updated_at)
            SELECT id, ${a}, contact_id, channel_id, CASE WHEN t5 IS NOT NULL THEN 'resolved' ELSE 'open' END,
              priority, CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, agent_id,
              team_id, is_public, 'Where is my order?', t1, t4, t3, t4,
              t5, 5, sentiment_start, sentiment_end, intent, t0, coalesce(t5, t4)
            FROM seed_plan`,
    },
    {
      label: 'messages (5 per conversation)',
      sql: `INSERT INTO messages (account_id, conversation_id, channel_id, direction, is_public, author_type, author_contact_id,
              author_user_id, text, external_id, delivery_status, sent_at, created_at)
            SELECT ${a}, p.id, p.channel_id, m.direction, p.is_public, m.author, CASE WHEN m.direction = 'in' THEN p.contact_id END,
              CASE WHEN m.direction = 'out' THEN p.agent_id END, m.text, p.g || '-' || m.k,
              CASE WHEN m.direction = 'in' THEN 'received' ELSE 'sent' END, m.at, m.at
            FROM seed_plan p CROSS JOIN LATERAL (VALUES
              (1, 'in', 'contact', 'Where is my order?', p.t0), (2, 'out', 'user', 'Sorry, checking now', p.t1),
              (3, 'in', 'contact', 'Any news?', p.t2), (4, 'out', 'user', 'It ships today', p.t3),
              (5, 'in', 'contact', 'Thanks', p.t4)) AS m(k, direction, author, text, at)`,
    },
    {
      label: 'analytics conversations',
      sql: `INSERT INTO analytics_conversations (conversation_id, account_id, channel_id, provider, is_public, is_case, team_id,
              assignee_id, intent, priority, sentiment_start, sentiment_end, started_at, cycle, cycle_started_at, is_open,
              first_assigned_at, first_response_at, first_resolved_at, last_resolved_at, agent_reply_count,
              cycle_agent_replies, first_resolution_agent_replies, resolution_count, first_response_s, first_response_bh_s,
              assignment_s, assignment_bh_s, resolution_s, resolution_bh_s, handle_s, csat_sent_at, csat_score, updated_at)
            SELECT id, ${a}, channel_id, provider, is_public, true, team_id, agent_id, intent, priority, sentiment_start,
              sentiment_end, t0, 1, t0, t5 IS NULL, t_assign, t1, r.at, r.at, 2, 2,
              CASE WHEN r.at IS NOT NULL THEN 2 END, CASE WHEN r.at IS NOT NULL THEN 1 ELSE 0 END,
              extract(epoch FROM t1 - t0), extract(epoch FROM t1 - t0),
              extract(epoch FROM t_assign - t0), extract(epoch FROM t_assign - t0),
              extract(epoch FROM r.at - t0), extract(epoch FROM r.at - t0), 240,
              CASE WHEN wants_survey AND NOT is_public AND r.at IS NOT NULL THEN r.at END,
              CASE WHEN wants_survey AND NOT is_public AND r.at IS NOT NULL AND g % 2 = 0 THEN 1 + g % 5 END, coalesce(t5, t4)
            FROM seed_plan CROSS JOIN LATERAL (SELECT t5 AS at) r`,
    },
    {
      label: 'reporting events',
      sql: `INSERT INTO analytics_events (account_id, conversation_id, kind, occurred_at, started_at, wall_s, business_s,
              is_business_hours, agent_id, team_id, channel_id, provider, is_public, is_case, priority, intent, cycle,
              agent_replies, handle_s, metric, is_met, score)
            SELECT ${a}, p.id, e.kind, e.at, e.started, extract(epoch FROM e.at - e.started), extract(epoch FROM e.at - e.started),
              true, e.agent, p.team_id, p.channel_id, p.provider, p.is_public, true, p.priority, p.intent, 1,
              e.replies, e.handle, e.metric, e.met, e.score
            FROM seed_plan p CROSS JOIN LATERAL (VALUES
              ('conversation_created', p.t0, p.t0, NULL::uuid, NULL::int, NULL::float8, NULL, NULL::boolean, NULL::int),
              ('message_in', p.t0, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              ('assignment', p.t_assign, p.t0, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('first_response', p.t1, p.t0, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('reply', p.t1, NULL, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('sla', p.t1, NULL, p.agent_id, NULL, NULL, 'first_response', p.t1 - p.t0 < interval '2 hours', NULL),
              ('message_in', p.t2, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              ('next_response', p.t3, p.t2, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('reply', p.t3, NULL, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('message_in', p.t4, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              ('resolution', p.t5, p.t0, p.agent_id, 2, 240, NULL, NULL, NULL),
              ('csat_sent', CASE WHEN p.wants_survey AND NOT p.is_public THEN p.t5 END, NULL, p.agent_id, NULL, NULL, NULL, NULL, NULL),
              ('csat_answered', CASE WHEN p.wants_survey AND NOT p.is_public AND p.g % 2 = 0 THEN p.t5 + interval '10 minutes' END,
                p.t5, p.agent_id, NULL, NULL, NULL, NULL, 1 + p.g % 5)
            ) AS e(kind, at, started, agent, replies, handle, metric, met, score)
            WHERE e.at IS NOT NULL`,
    },
    {
      label: 'work time',
      sql: `INSERT INTO conversation_work_time (account_id, user_id, conversation_id, started_at, last_seen_at, ended_at, last_state)
            SELECT ${a}, agent_id, id, t1 - interval '2 minutes', t1 + interval '2 minutes', t1 + interval '2 minutes', 'typing'
            FROM seed_plan`,
    },
    {
      label: 'presence history',
      sql: `INSERT INTO presence_history (account_id, user_id, status, set_by, started_at, ended_at)
            SELECT ${a}, m.user_id, 'online', 'agent', d + interval '8 hours', d + interval '16 hours'
            FROM memberships m CROSS JOIN generate_series(date_trunc('day', timestamptz '${nowIso}') - interval '${size.days} days',
              date_trunc('day', timestamptz '${nowIso}') - interval '1 day', interval '1 day') d
            WHERE m.account_id = ${a}`,
    },
    { label: 'vacuum analyze', sql: 'VACUUM ANALYZE' },
  ];
}

export async function runSeed(
  client: pg.Client,
  statements: { label: string; sql: string }[],
  onStep: (label: string, index: number) => void,
): Promise<void> {
  for (const [index, statement] of statements.entries()) {
    onStep(statement.label, index);
    await client.query(statement.sql);
  }
}
