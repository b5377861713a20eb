import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import type { Metrics } from '../../metrics/index.ts';
import type { ChannelContext } from '../adapter.ts';
import type { DeliveryWriter } from '../pipeline/group-insert.ts';
import type { ChannelStore } from '../store.ts';
import { WorkerLoop } from '../worker-loop.ts';
import {
  describeImapError,
  ImapPollError,
  type PollResult,
  pollMailbox,
  type StoreOutcome,
} from './imap-poll.ts';
import { type ImapSettings, imapBackoffMs, imapSettingsOf } from './imap-settings.ts';
import {
  advanceMailbox,
  type ClaimedMailbox,
  claimDueMailboxes,
  ensureImapStates,
  finishPoll,
} from './imap-state.ts';
import { MailRefused, parseMime } from './mime.ts';
import { storeMailDelivery } from './store-mail.ts';

export interface ImapPollerOptions {
  db: Database;
  channels: Pick<ChannelStore, 'context'>;
  writer: Pick<DeliveryWriter, 'store'>;
  metrics: Metrics;
  clock: Clock;
  /** Wake the inbound worker after something new was stored. */
  onStored: () => void;
  onError?: (error: unknown) => void;
  /** Identifies this process's leases (random by default). */
  owner?: string;
  /** How often to look for due mailboxes. */
  tickMs?: number;
  leaseMs?: number;
  /** Mailboxes polled one after another per tick. */
  batch?: number;
}

export interface MailboxPollReport {
  channelId: string;
  result?: PollResult;
  error?: string;
}

/** The key that makes a re-fetched mail a no-op: its Message-ID, not its bytes. */
export function imapEventKey(messageId: string): string {
  return `imap:${createHash('sha256').update(messageId).digest('hex')}`;
}

/**
 * Polls the mailboxes of email channels that have IMAP settings (worker roles only). Each due
 * mailbox is leased, polled, and given its next time: the poll interval after a success, a
 * growing backoff after a failure (reported on the channel, never thrown out of the loop).
 */
export class ImapPoller {
  readonly #loop: WorkerLoop;
  readonly #owner: string;

  constructor(private readonly options: ImapPollerOptions) {
    this.#owner = options.owner ?? `imap-${randomUUID()}`;
    this.#loop = new WorkerLoop(async () => (await this.pollDue()).length, {
      idleMs: options.tickMs ?? 5000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Poll every mailbox that is due and not leased by another worker. */
  async pollDue(): Promise<MailboxPollReport[]> {
    const db = this.options.db.kysely;
    await ensureImapStates(db, this.options.clock());
    const claimed = await claimDueMailboxes(db, {
      owner: this.#owner,
      now: this.options.clock(),
      leaseMs: this.#leaseMs,
      limit: this.options.batch ?? 4,
    });
    const reports: MailboxPollReport[] = [];
    for (const mailbox of claimed) reports.push(await this.#pollOne(mailbox));
    return reports;
  }

  get #leaseMs(): number {
    return this.options.leaseMs ?? 5 * 60_000;
  }

  async #pollOne(claimed: ClaimedMailbox): Promise<MailboxPollReport> {
    const db = this.options.db.kysely;
    const { channelId } = claimed;
    const channel = await this.options.channels.context(db, channelId);
    let settings: ImapSettings | null = null;
    try {
      settings = channel ? imapSettingsOf(channel.settings) : null;
      if (!channel || !settings) throw new Error('The channel no longer polls a mailbox');
      const password = channel.secrets.imapPassword;
      if (!password) throw new Error('secrets.imapPassword is not set');
      const result = await pollMailbox(settings, password, claimed, {
        store: (raw, arrivedAt) => this.#store(channel, settings as ImapSettings, raw, arrivedAt),
        advance: (position) =>
          advanceMailbox(db, {
            channelId,
            owner: this.#owner,
            now: this.options.clock(),
            leaseMs: this.#leaseMs,
            ...(position ? { position } : {}),
          }),
      });
      const now = this.options.clock();
      await finishPoll(db, {
        channelId,
        owner: this.#owner,
        now,
        nextPollAt: result.hasMore ? now : new Date(now.getTime() + settings.pollSeconds * 1000),
      });
      return { channelId, result };
    } catch (error) {
      const message = settings ? describeImapError(error, settings) : (error as Error).message;
      const now = this.options.clock();
      const wait = imapBackoffMs(claimed.failures + 1, settings?.pollSeconds ?? 60);
      await finishPoll(db, {
        channelId,
        owner: this.#owner,
        now,
        nextPollAt: new Date(now.getTime() + wait),
        error: message,
      }).catch((finishError: unknown) => this.options.onError?.(finishError));
      return { channelId, error: message };
    }
  }

  async #store(
    channel: ChannelContext,
    settings: ImapSettings,
    raw: Buffer,
    arrivedAt: Date | undefined,
  ): Promise<StoreOutcome> {
    const address = typeof channel.settings.address === 'string' ? channel.settings.address : settings.user;
    // Mail fetched in one poll arrived at different times: the mailbox's arrival time keeps their
    // order (never later than now, whatever the server's clock says).
    const now = this.options.clock();
    const receivedAt = arrivedAt && !Number.isNaN(arrivedAt.getTime()) && arrivedAt < now ? arrivedAt : now;
    let delivery: Awaited<ReturnType<typeof parseMime>>;
    try {
      delivery = await parseMime(raw, { mailFrom: '', rcptTo: [address] }, receivedAt);
    } catch (error) {
      if (error instanceof MailRefused) return 'refused';
      throw error;
    }
    let isNew: boolean;
    try {
      isNew = await storeMailDelivery(
        this.options.writer,
        this.options.metrics,
        delivery,
        [{ id: channel.id, accountId: channel.accountId }],
        imapEventKey(delivery.message.messageId),
      );
    } catch (error) {
      // Not stored, so not marked: the poll stops here and the next one takes this mail again.
      this.options.onError?.(error);
      throw new ImapPollError(
        'Could not store a message (database error); it stays unread and is tried again',
      );
    }
    if (isNew) this.options.onStored();
    return isNew ? 'stored' : 'duplicate';
  }
}
