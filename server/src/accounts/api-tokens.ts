import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { recordAudit } from './audit.ts';
import { generateToken, hashToken } from './secrets.ts';
import type { Principal } from './sessions.ts';

export async function createApiToken(
  db: Kysely<DB>,
  input: { accountId: string; actorUserId: string; name: string; role: Role },
): Promise<{ id: string; token: string }> {
  const token = generateToken('pat');
  const row = await db
    .insertInto('api_tokens')
    .values({
      account_id: input.accountId,
      created_by_user_id: input.actorUserId,
      name: input.name,
      role: input.role,
      token_hash: hashToken(token),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    action: 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    details: { name: input.name, role: input.role },
  });
  return { id: row.id, token };
}

export async function listApiTokens(db: Kysely<DB>, accountId: string) {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(
  db: Kysely<DB>,
  input: { accountId: string; tokenId: string; actorUserId: string; now: Date },
): Promise<void> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: input.now })
    .where('account_id', '=', input.accountId)
    .where('id', '=', input.tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('not_found', 'No such active token');
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    action: 'api_token.revoked',
    targetType: 'api_token',
    targetId: input.tokenId,
  });
}

/** API tokens act with the role they were given, on behalf of the admin who created them. */
export async function authenticateApiToken(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'created_by_user_id', 'role', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { userId: row.created_by_user_id, accountId: row.account_id, role: row.role, via: 'token' };
}
