import { exponentialBackoffMs } from '../../backoff.ts';

// The IMAP part of an email channel's settings: which mailbox Parley polls and what it does with a
// message once stored. Pure, so the poller and the API read settings the same way.

export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  mailbox: string;
  pollSeconds: number;
  /** Once stored: flag `\Seen` in place, or move to `moveTo`. */
  afterFetch: 'seen' | 'move';
  moveTo: string;
  rejectUnauthorized: boolean;
}

export const DEFAULT_POLL_SECONDS = 60;
const MIN_POLL_SECONDS = 10;
const MAX_POLL_SECONDS = 3600;

export class ImapSettingsError extends Error {}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The channel's IMAP settings, or null when it does not poll a mailbox (no `imapHost`). */
export function imapSettingsOf(settings: Record<string, unknown>): ImapSettings | null {
  const host = text(settings.imapHost);
  if (!host) return null;
  const secure = settings.imapSecure !== false;
  const port = settings.imapPort === undefined ? (secure ? 993 : 143) : Number(settings.imapPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ImapSettingsError(`settings.imapPort must be a port number, not ${String(settings.imapPort)}`);
  }
  const user = text(settings.imapUser) ?? text(settings.address);
  if (!user) throw new ImapSettingsError('settings.imapUser (or settings.address) is needed to log in');
  const seconds =
    settings.imapPollSeconds === undefined ? DEFAULT_POLL_SECONDS : Number(settings.imapPollSeconds);
  if (!Number.isFinite(seconds)) {
    throw new ImapSettingsError(`settings.imapPollSeconds must be a number of seconds`);
  }
  const afterFetch = settings.imapAfterFetch === undefined ? 'seen' : settings.imapAfterFetch;
  if (afterFetch !== 'seen' && afterFetch !== 'move') {
    throw new ImapSettingsError('settings.imapAfterFetch must be "seen" or "move"');
  }
  return {
    host,
    port,
    secure,
    user,
    mailbox: text(settings.imapMailbox) ?? 'INBOX',
    pollSeconds: Math.min(MAX_POLL_SECONDS, Math.max(MIN_POLL_SECONDS, Math.round(seconds))),
    afterFetch,
    moveTo: text(settings.imapMoveTo) ?? 'Parley',
    rejectUnauthorized: settings.imapRejectUnauthorized !== false,
  };
}

/** Where the stored UIDs belong: another server, user or mailbox means starting over (a resync). */
export function mailboxKey(settings: ImapSettings): string {
  return `${settings.user.toLowerCase()}@${settings.host.toLowerCase()}:${settings.port}/${settings.mailbox}`;
}

/** Wait after `failures` failed polls in a row: doubling from 30 s, never under the poll interval, at most 30 min. */
export function imapBackoffMs(failures: number, pollSeconds: number): number {
  const doubling = exponentialBackoffMs(failures, { firstMs: 30_000, capMs: 30 * 60_000 });
  return Math.min(30 * 60_000, Math.max(pollSeconds * 1000, doubling));
}
