import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { generateToken, hashToken, verifyPassword } from './secrets.ts';

export interface Principal {
  userId: string;
  accountId: string;
  role: Role;
  via: 'session' | 'token';
  /** Session token hash, so logout and account switching can find the session. */
  sessionHash?: string;
}

// A fixed hash to verify against when the email is unknown, so both paths take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0cfJ6rcKOqkOvc3Fj3iSfD0ApBrcmRpAxWQvtV1XGM0';

export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; now: Date; ttlHours: number },
): Promise<{ token: string; principal: Principal; expiresAt: Date }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();
  const isValid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  if (!user?.password_hash || !isValid) throw new AppError('invalid_credentials', 'Wrong email or password');
  const membership = await db
    .selectFrom('memberships')
    .select(['account_id', 'role'])
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!membership) throw new AppError('forbidden', 'This user belongs to no account');
  const token = generateToken('ps');
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      account_id: membership.account_id,
      expires_at: expiresAt,
    })
    .execute();
  await db.updateTable('users').set({ last_seen_at: input.now }).where('id', '=', user.id).execute();
  return {
    token,
    expiresAt,
    principal: {
      userId: user.id,
      accountId: membership.account_id,
      role: membership.role,
      via: 'session',
      sessionHash: hashToken(token),
    },
  };
}

/** Resolve a session cookie; sliding expiry: each use pushes the expiry out again. */
export async function authenticateSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  ttlHours: number,
): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'sessions.user_id')
        .onRef('memberships.account_id', '=', 'sessions.account_id'),
    )
    .select(['sessions.user_id', 'sessions.account_id', 'sessions.expires_at', 'memberships.role'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime()) return null;
  const newExpiry = new Date(now.getTime() + ttlHours * 3_600_000);
  // Only write when the expiry would move noticeably, to keep reads cheap.
  if (newExpiry.getTime() - row.expires_at.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ expires_at: newExpiry })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role,
    via: 'session',
    sessionHash: tokenHash,
  };
}

export async function logout(db: Kysely<DB>, sessionHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sessionHash).execute();
}

export async function switchAccount(
  db: Kysely<DB>,
  principal: Principal,
  accountId: string,
): Promise<Principal> {
  const membership = await db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', principal.userId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!membership || !principal.sessionHash) throw new AppError('not_found', 'No such account');
  await db
    .updateTable('sessions')
    .set({ account_id: accountId })
    .where('token_hash', '=', principal.sessionHash)
    .execute();
  return { ...principal, accountId, role: membership.role };
}

export async function describePrincipal(db: Kysely<DB>, principal: Principal) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select(['accounts.id', 'accounts.name', 'accounts.slug', 'memberships.role'])
    .where('memberships.user_id', '=', principal.userId)
    .orderBy('accounts.name')
    .execute();
  return { user, accountId: principal.accountId, role: principal.role, accounts };
}
