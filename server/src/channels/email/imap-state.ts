import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';

// Where each polled mailbox stands (UIDVALIDITY, last stored UID), its health for the API, and a
// lease: a worker claims a due mailbox for a while, so two processes never poll it at once. A lease
// rather than a held transaction or session lock, because a poll waits on the network and must not
// pin a database connection (on PGlite there is only one).

export interface ClaimedMailbox {
  channelId: string;
  mailboxKey: string | null;
  uidValidity: string | null;
  lastUid: number;
  failures: number;
}

export interface ImapHealth {
  status: 'pending' | 'ok' | 'error';
  lastError: string | null;
  consecutiveFailures: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  lastUid: number;
}

/** One state row per active email channel with an IMAP host (new ones are due at once). */
export async function ensureImapStates(db: Kysely<DB>, now: Date): Promise<void> {
  await sql`
    INSERT INTO email_imap_state (channel_id, account_id, next_poll_at, updated_at)
    SELECT id, account_id, ${now}, ${now} FROM channels
    WHERE provider = 'email' AND is_active AND coalesce(settings->>'imapHost', '') <> ''
    ON CONFLICT (channel_id) DO NOTHING`.execute(db);
}

/** Lease up to `limit` due mailboxes to `owner`; mailboxes leased by a live worker are skipped. */
export async function claimDueMailboxes(
  db: Kysely<DB>,
  input: { owner: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedMailbox[]> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  const rows = await sql<{
    channel_id: string;
    mailbox_key: string | null;
    uid_validity: string | null;
    last_uid: string | number;
    consecutive_failures: number;
  }>`
    UPDATE email_imap_state SET lease_owner = ${input.owner}, lease_until = ${leaseUntil}
    WHERE channel_id IN (
      SELECT s.channel_id FROM email_imap_state s JOIN channels c ON c.id = s.channel_id
      WHERE c.is_active AND c.provider = 'email' AND coalesce(c.settings->>'imapHost', '') <> ''
        AND s.next_poll_at <= ${input.now}
        AND (s.lease_until IS NULL OR s.lease_until <= ${input.now})
      ORDER BY s.next_poll_at
      LIMIT ${input.limit}
      FOR UPDATE OF s SKIP LOCKED)
    RETURNING channel_id, mailbox_key, uid_validity, last_uid, consecutive_failures`.execute(db);
  return rows.rows.map((r) => ({
    channelId: r.channel_id,
    mailboxKey: r.mailbox_key,
    uidValidity: r.uid_validity,
    lastUid: Number(r.last_uid),
    failures: r.consecutive_failures,
  }));
}

/**
 * Record how far the poll got and extend the lease. False when the lease is no longer ours (it
 * expired and another worker took the mailbox): the poll must stop.
 */
export async function advanceMailbox(
  db: Kysely<DB>,
  input: {
    channelId: string;
    owner: string;
    now: Date;
    leaseMs: number;
    position?: { mailboxKey: string; uidValidity: string; lastUid: number };
  },
): Promise<boolean> {
  const result = await db
    .updateTable('email_imap_state')
    .set({
      lease_until: new Date(input.now.getTime() + input.leaseMs),
      ...(input.position
        ? {
            mailbox_key: input.position.mailboxKey,
            uid_validity: input.position.uidValidity,
            last_uid: input.position.lastUid,
          }
        : {}),
      updated_at: input.now,
    })
    .where('channel_id', '=', input.channelId)
    .where('lease_owner', '=', input.owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** End the lease with the poll's outcome and the time of the next poll. */
export async function finishPoll(
  db: Kysely<DB>,
  input: { channelId: string; owner: string; now: Date; nextPollAt: Date; error?: string },
): Promise<void> {
  await db
    .updateTable('email_imap_state')
    .set((eb) => ({
      status: input.error ? 'error' : 'ok',
      last_error: input.error ?? null,
      consecutive_failures: input.error ? eb('consecutive_failures', '+', 1) : 0,
      last_polled_at: input.now,
      ...(input.error ? {} : { last_success_at: input.now }),
      next_poll_at: input.nextPollAt,
      lease_owner: null,
      lease_until: null,
      updated_at: input.now,
    }))
    .where('channel_id', '=', input.channelId)
    .where('lease_owner', '=', input.owner)
    .execute();
}

/** The polling health of these channels, for the channel API (only channels that poll appear). */
export async function imapHealthOf(db: Kysely<DB>, channelIds: string[]): Promise<Map<string, ImapHealth>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('email_imap_state')
    .selectAll()
    .where('channel_id', 'in', channelIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.channel_id,
      {
        status: r.status,
        lastError: r.last_error,
        consecutiveFailures: r.consecutive_failures,
        lastPolledAt: r.last_polled_at?.toISOString() ?? null,
        lastSuccessAt: r.last_success_at?.toISOString() ?? null,
        nextPollAt: r.next_poll_at.toISOString(),
        lastUid: Number(r.last_uid),
      },
    ]),
  );
}
