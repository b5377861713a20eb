import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/index.ts';
import { type DB, isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { ChannelContext, ChannelSecrets, Provider } from './adapter.ts';
import { decryptSecrets, encryptSecrets } from './credentials.ts';
import { type ImapHealth, imapHealthOf } from './email/index.ts';
import { adapterFor } from './registry.ts';

export interface ChannelDto {
  id: string;
  provider: string;
  name: string;
  settings: Record<string, unknown>;
  /** Which secrets are set; their values are never returned. */
  secretsSet: string[];
  /** Email channels that poll a mailbox: how polling goes (status, last error, next poll). */
  imap?: ImapHealth;
  isActive: boolean;
  webhookUrl: string;
  createdAt: string;
}

/** An email channel that polls a mailbox (its IMAP health is part of the DTO). */
function polls(row: { provider: string; settings: Record<string, unknown> }): boolean {
  return (
    row.provider === 'email' && typeof row.settings.imapHost === 'string' && row.settings.imapHost !== ''
  );
}

export class ChannelStore {
  // Decrypting on every webhook would cost more than the webhook; contexts are cached briefly.
  readonly #cache = new Map<string, { context: ChannelContext | null; expiresAt: number }>();

  constructor(
    private readonly secretKey: string,
    private readonly publicUrl: string,
    private readonly cacheMs = 10_000,
  ) {}

  webhookUrl(provider: string, id: string): string {
    return `${this.publicUrl.replace(/\/$/, '')}/webhooks/${provider}/${id}`;
  }

  async context(db: Kysely<DB>, channelId: string): Promise<ChannelContext | null> {
    const cached = this.#cache.get(channelId);
    if (cached && cached.expiresAt > Date.now()) return cached.context;
    const context = isUuid(channelId) ? await this.#load(db, channelId) : null;
    this.#cache.set(channelId, { context, expiresAt: Date.now() + this.cacheMs });
    return context;
  }

  forget(channelId: string): void {
    this.#cache.delete(channelId);
  }

  async #load(db: Kysely<DB>, channelId: string): Promise<ChannelContext | null> {
    const row = await db
      .selectFrom('channels')
      .select(['id', 'account_id', 'provider', 'settings', 'credentials_encrypted'])
      .where('id', '=', channelId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      accountId: row.account_id,
      provider: row.provider as Provider,
      settings: row.settings,
      secrets: decryptSecrets(this.secretKey, row.credentials_encrypted),
    };
  }

  #toDto(
    row: {
      id: string;
      provider: string;
      name: string;
      settings: Record<string, unknown>;
      credentials_encrypted: string;
      is_active: boolean;
      created_at: Date;
    },
    imap?: ImapHealth,
  ): ChannelDto {
    const secrets = decryptSecrets(this.secretKey, row.credentials_encrypted);
    return {
      id: row.id,
      provider: row.provider,
      name: row.name,
      settings: row.settings,
      secretsSet: Object.entries(secrets)
        .filter(([, v]) => typeof v === 'string' && v !== '')
        .map(([k]) => k),
      ...(imap ? { imap } : {}),
      isActive: row.is_active,
      webhookUrl: this.webhookUrl(row.provider, row.id),
      createdAt: row.created_at.toISOString(),
    };
  }

  async list(db: Kysely<DB>, accountId: string): Promise<ChannelDto[]> {
    const rows = await db
      .selectFrom('channels')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('is_active', '=', true)
      .orderBy('created_at')
      .execute();
    const health = await imapHealthOf(
      db,
      rows.filter((r) => polls(r)).map((r) => r.id),
    );
    return rows.map((r) => this.#toDto(r, health.get(r.id)));
  }

  async get(db: Kysely<DB>, accountId: string, channelId: string): Promise<ChannelDto> {
    if (!isUuid(channelId)) throw new AppError('channel_not_found');
    const row = await db
      .selectFrom('channels')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', channelId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!row) throw new AppError('channel_not_found');
    const health = polls(row) ? await imapHealthOf(db, [row.id]) : new Map();
    return this.#toDto(row, health.get(row.id));
  }

  async create(
    db: Kysely<DB>,
    input: {
      accountId: string;
      actorUserId: string | null;
      provider: string;
      name: string;
      settings: Record<string, unknown>;
      secrets: ChannelSecrets;
      now: Date;
    },
  ): Promise<ChannelDto> {
    if (!adapterFor(input.provider)) {
      throw new AppError('validation_failed', `Unknown provider "${input.provider}"`, [
        { field: 'provider', message: 'not a supported provider' },
      ]);
    }
    const row = await db
      .insertInto('channels')
      .values({
        account_id: input.accountId,
        provider: input.provider,
        name: input.name,
        settings: JSON.stringify(input.settings),
        credentials_encrypted: encryptSecrets(this.secretKey, input.secrets),
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(db, {
      accountId: input.accountId,
      actorUserId: input.actorUserId,
      action: 'channel.created',
      targetType: 'channel',
      targetId: row.id,
      details: { provider: input.provider, name: input.name },
    });
    return this.#toDto(row);
  }

  /** Secrets are write-only: a given key replaces the stored value, a missing key keeps it. */
  async update(
    db: Kysely<DB>,
    input: {
      accountId: string;
      actorUserId: string;
      channelId: string;
      name?: string | undefined;
      settings?: Record<string, unknown> | undefined;
      secrets?: ChannelSecrets | undefined;
      now: Date;
    },
  ): Promise<ChannelDto> {
    if (!isUuid(input.channelId)) throw new AppError('channel_not_found');
    const current = await db
      .selectFrom('channels')
      .selectAll()
      .where('account_id', '=', input.accountId)
      .where('id', '=', input.channelId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!current) throw new AppError('channel_not_found');
    const secrets = {
      ...decryptSecrets(this.secretKey, current.credentials_encrypted),
      ...(input.secrets ?? {}),
    };
    const row = await db
      .updateTable('channels')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.settings !== undefined
          ? { settings: JSON.stringify({ ...current.settings, ...input.settings }) }
          : {}),
        credentials_encrypted: encryptSecrets(this.secretKey, secrets),
        updated_at: input.now,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    this.forget(current.id);
    await recordAudit(db, {
      accountId: input.accountId,
      actorUserId: input.actorUserId,
      action: 'channel.updated',
      targetType: 'channel',
      targetId: current.id,
      details: {
        fields: [
          ...(input.name !== undefined ? ['name'] : []),
          ...Object.keys(input.settings ?? {}).map((k) => `settings.${k}`),
          ...Object.keys(input.secrets ?? {}).map((k) => `secrets.${k}`),
        ],
      },
    });
    return this.#toDto(row);
  }

  /** Channels with history are deactivated, not deleted: their messages stay readable. */
  async remove(
    db: Kysely<DB>,
    input: { accountId: string; actorUserId: string; channelId: string; now: Date },
  ) {
    if (!isUuid(input.channelId)) throw new AppError('channel_not_found');
    const result = await db
      .updateTable('channels')
      .set({ is_active: false, updated_at: input.now })
      .where('account_id', '=', input.accountId)
      .where('id', '=', input.channelId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('channel_not_found');
    this.forget(input.channelId);
    await recordAudit(db, {
      accountId: input.accountId,
      actorUserId: input.actorUserId,
      action: 'channel.deleted',
      targetType: 'channel',
      targetId: input.channelId,
    });
  }
}
