import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  createApiChannel,
  manualClock,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { createMailer } from '../../mail/index.ts';
import { ListeningAlertWorker } from './alert-worker.ts';

// Four quiet days (3 mentions a minute) then a burst of 30 a minute: the stored path must raise one
// volume alert within five minutes, deliver it once, and a restarted worker must not repeat it.
const START = Date.parse('2026-03-02T00:00:00Z');
const DAY = 86_400_000;
const BURST_AT = START + 4 * DAY + 14 * 3_600_000;

describe.each(testEngines())('listening alerts on stored mentions on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date(START));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  async function seedMentions(
    accountId: string,
    channelId: string,
    monitorId: string,
    from: number,
    minutes: number,
    perMinute: number,
    negativeEvery: number,
  ) {
    const db = server.runtime.ctx.db.kysely;
    // Rows made by the database itself: a few statements instead of tens of thousands of round trips.
    await sql`
      WITH posts AS (
        SELECT gen_random_uuid() AS id, n, to_timestamp((${from}::bigint + (n / ${perMinute}) * 60000 + (n % ${perMinute}) * 1000) / 1000.0) AS at
        FROM generate_series(0, ${minutes * perMinute - 1}) AS n
      ), inserted AS (
        INSERT INTO listening_mentions (id, account_id, channel_id, provider, external_id, text, author_external_id, posted_at,
          sentiment, intent, is_actionable, triage, updated_at)
        SELECT id, ${accountId}::uuid, ${channelId}::uuid, 'api', ${`${from}-`} || n, 'orbly post ' || n, 'author-' || (n % 500), at,
          CASE WHEN n % ${negativeEvery} = 0 THEN 'negative' ELSE 'neutral' END, 'other', false, '{}'::jsonb, at
        FROM posts RETURNING id, posted_at
      ), links AS (
        INSERT INTO listening_mention_monitors (mention_id, monitor_id, account_id, posted_at)
        SELECT id, ${monitorId}::uuid, ${accountId}::uuid, posted_at FROM inserted RETURNING mention_id
      )
      INSERT INTO listening_observations (account_id, mention_id, is_first, observed_at, engagement)
      SELECT ${accountId}::uuid, id, true, posted_at, 0 FROM inserted ORDER BY posted_at`.execute(db);
  }

  it('raises one volume alert for a burst, within five minutes, and a restart replays without repeating it', async () => {
    const admin = await seedAccount(server);
    const channel = await createApiChannel(server, admin.cookie);
    clock.set(new Date(START));
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/listening/monitors',
      headers: { cookie: admin.cookie },
      payload: { name: 'Orbly', query: 'orbly', alertWebhookUrl: 'http://127.0.0.1:9/unreachable' },
    });
    const monitorId = created.json().id as string;
    await seedMentions(admin.accountId, channel.id, monitorId, START, (BURST_AT - START) / 60_000, 3, 5);
    await seedMentions(admin.accountId, channel.id, monitorId, BURST_AT, 20, 30, 1);
    clock.set(new Date(BURST_AT + 25 * 60_000));
    const worker = server.runtime.listening.alerts;
    while ((await worker.step()) > 0) {
      // replay the page log
    }
    const db = server.runtime.ctx.db.kysely;
    const alerts = await db
      .selectFrom('listening_alerts')
      .selectAll()
      .where('account_id', '=', admin.accountId)
      .execute();
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(['volume_spike', 'negative_spike']).toContain(alert?.kind);
    expect(alert?.opened_at.getTime()).toBeGreaterThan(BURST_AT);
    expect(alert?.opened_at.getTime()).toBeLessThanOrEqual(BURST_AT + 5 * 60_000);
    expect(alert?.message).toMatch(/expected/);
    const detail = alert?.detail as {
      signals: Record<string, { observed: number; expected: number; ratio: number }>;
    };
    const signal = Object.values(detail.signals)[0];
    expect(signal?.observed).toBeGreaterThan(signal?.expected ?? 0);
    const deliveries = await db
      .selectFrom('listening_alert_deliveries')
      .select(['event', 'transport'])
      .where('account_id', '=', admin.accountId)
      .execute();
    expect(deliveries.filter((d) => d.event === 'opened')).toHaveLength(1);

    // A new process: same history, same clock. Nothing new is stored or sent.
    const restarted = new ListeningAlertWorker({ db: server.runtime.ctx.db, clock });
    while ((await restarted.step()) > 0) {
      // replay
    }
    expect(
      await db
        .selectFrom('listening_alerts')
        .select('id')
        .where('account_id', '=', admin.accountId)
        .execute(),
    ).toHaveLength(1);
    const after = await db
      .selectFrom('listening_alert_deliveries')
      .select('id')
      .where('account_id', '=', admin.accountId)
      .execute();
    expect(after).toHaveLength(deliveries.length);
  }, 120_000);

  it('reports that email alerts are off when SMTP_URL is empty', () => {
    const lines: string[] = [];
    const mailer = createMailer({ smtpUrl: '', from: 'a@b.test', onDisabled: (m) => lines.push(m) });
    expect(mailer.isEnabled).toBe(false);
    expect(lines[0]).toMatch(/SMTP_URL is not set/);
  });
});
