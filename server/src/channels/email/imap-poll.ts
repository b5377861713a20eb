import { ImapFlow } from 'imapflow';
import { type ImapSettings, mailboxKey } from './imap-settings.ts';

// One poll of one mailbox: log in, take the messages after the last stored UID, hand each raw
// message to `store` (durable before anything else happens), then flag it \Seen or move it, then
// record the new position. A crash at any point repeats at most the last message, which the store
// recognises by its Message-ID.

export interface MailboxPosition {
  mailboxKey: string | null;
  uidValidity: string | null;
  lastUid: number;
}

export type StoreOutcome = 'stored' | 'duplicate' | 'refused';

export interface PollHooks {
  /** `arrivedAt`: the server's INTERNALDATE, when the mail reached the mailbox. */
  store(raw: Buffer, arrivedAt: Date | undefined): Promise<StoreOutcome>;
  /** Persist the position (and keep the lease); false means the lease was lost: stop. */
  advance(position: { mailboxKey: string; uidValidity: string; lastUid: number } | null): Promise<boolean>;
}

export interface PollResult {
  fetched: number;
  stored: number;
  duplicates: number;
  refused: number;
  /** More messages are waiting than one poll takes. */
  hasMore: boolean;
  isResync: boolean;
}

export const MAX_MESSAGES_PER_POLL = 200;
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export class ImapPollError extends Error {}

/** A readable reason for a failed poll, for the channel's status. */
export function describeImapError(error: unknown, settings: ImapSettings): string {
  const e = error as {
    message?: string;
    code?: string;
    authenticationFailed?: boolean;
    responseText?: string;
    mailboxMissing?: boolean;
    tlsFailed?: boolean;
  };
  const where = `${settings.host}:${settings.port}`;
  if (e.authenticationFailed) {
    return `Authentication failed for ${settings.user} at ${where}${e.responseText ? `: ${e.responseText}` : ''}`;
  }
  const isCertificate = /CERT|SELF_SIGNED/.test(e.code ?? '');
  if (e.tlsFailed || isCertificate || /^ERR_SSL_/.test(e.code ?? '')) {
    return `TLS with ${where} failed: ${
      isCertificate
        ? 'the certificate is not trusted (settings.imapRejectUnauthorized: false accepts a self-signed one)'
        : 'the server does not speak TLS on this port (port 143 needs settings.imapSecure: false)'
    }`;
  }
  if (e.mailboxMissing) return `Mailbox "${settings.mailbox}" does not exist for ${settings.user}`;
  if (e.code === 'ECONNREFUSED') return `Connection refused by ${where}`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `Host not found: ${settings.host}`;
  if (e.code === 'ECONNRESET') return `Connection reset by ${where}`;
  if (e.code && /TIMEOUT/i.test(e.code)) return `No answer from ${where} in time`;
  if (error instanceof ImapPollError) return error.message;
  return `IMAP error at ${where}: ${e.responseText ?? e.message ?? String(error)}`;
}

export function imapClient(settings: ImapSettings, password: string): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: password },
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

export async function pollMailbox(
  settings: ImapSettings,
  password: string,
  position: MailboxPosition,
  hooks: PollHooks,
  limit = MAX_MESSAGES_PER_POLL,
): Promise<PollResult> {
  const client = imapClient(settings, password);
  // An 'error' event without a listener would crash the process; the awaited calls reject anyway.
  let socketError: unknown;
  client.on('error', (error: unknown) => {
    socketError = error;
  });
  const result: PollResult = {
    fetched: 0,
    stored: 0,
    duplicates: 0,
    refused: 0,
    hasMore: false,
    isResync: false,
  };
  try {
    await client.connect();
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      await pollOpenMailbox(client, settings, position, hooks, limit, result);
    } finally {
      lock.release();
    }
    await client.logout().catch(() => undefined);
  } catch (error) {
    throw socketError && !(error as { code?: string }).code ? socketError : error;
  } finally {
    client.close();
  }
  return result;
}

async function pollOpenMailbox(
  client: ImapFlow,
  settings: ImapSettings,
  position: MailboxPosition,
  hooks: PollHooks,
  limit: number,
  result: PollResult,
): Promise<void> {
  const mailbox = client.mailbox;
  if (!mailbox) throw new ImapPollError(`Mailbox "${settings.mailbox}" could not be opened`);
  const key = mailboxKey(settings);
  const uidValidity = String(mailbox.uidValidity);
  const uidNextAtOpen = mailbox.uidNext;
  // A new UIDVALIDITY (or another mailbox) makes the stored UID meaningless: take what has not been
  // handled yet — unread mail, or everything when handled mail is moved away — and rely on the
  // Message-ID key so nothing stored before is stored twice.
  result.isResync = position.mailboxKey !== key || position.uidValidity !== uidValidity;
  const found = result.isResync
    ? await client.search(settings.afterFetch === 'move' ? { all: true } : { seen: false }, { uid: true })
    : uidNextAtOpen > position.lastUid + 1
      ? await client.search({ uid: `${position.lastUid + 1}:*` }, { uid: true })
      : [];
  // "N:*" also names the highest message when it is below N.
  const uids = (found || []).filter((uid) => result.isResync || uid > position.lastUid).sort((a, b) => a - b);
  result.hasMore = uids.length > limit;
  const batch = uids.slice(0, limit);
  if (batch.length > 0 && settings.afterFetch === 'move') {
    await client.mailboxCreate(settings.moveTo).catch(() => undefined); // exists already: fine
  }
  const sizes = new Map<number, number>();
  const arrivals = new Map<number, Date>();
  if (batch.length > 0) {
    const query = { uid: true, size: true, internalDate: true };
    for (const meta of await client.fetchAll(batch.join(','), query, { uid: true })) {
      sizes.set(meta.uid, meta.size ?? 0);
      if (meta.internalDate) arrivals.set(meta.uid, new Date(meta.internalDate));
    }
  }
  for (const uid of batch) {
    let outcome: StoreOutcome = 'refused';
    if ((sizes.get(uid) ?? 0) <= MAX_MESSAGE_BYTES) {
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      const source = message === false ? undefined : message.source;
      if (source) {
        result.fetched += 1;
        outcome = await hooks.store(source, arrivals.get(uid));
      }
    }
    if (outcome === 'stored') result.stored += 1;
    else if (outcome === 'duplicate') result.duplicates += 1;
    else result.refused += 1;
    // Only a stored message is marked: one Parley could not read stays unread for a person to see.
    if (outcome !== 'refused') {
      if (settings.afterFetch === 'move')
        await client.messageMove(String(uid), settings.moveTo, { uid: true });
      else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
    const isStillOurs = await hooks.advance(
      result.isResync ? null : { mailboxKey: key, uidValidity, lastUid: uid },
    );
    if (!isStillOurs) throw new ImapPollError('Another worker took over this mailbox');
  }
  if (result.isResync && !result.hasMore) {
    // Everything unhandled is in: from now on, UIDs above the current top are new.
    const top = Math.max(uidNextAtOpen - 1, ...batch);
    await hooks.advance({ mailboxKey: key, uidValidity, lastUid: top });
  }
}
