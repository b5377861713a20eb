import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { recordAudit } from './audit.ts';
import { hashPassword } from './secrets.ts';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export async function createAccount(
  db: Kysely<DB>,
  input: { name: string; slug: string; timeZone?: string },
) {
  return db
    .insertInto('accounts')
    .values({ name: input.name, slug: input.slug, time_zone: input.timeZone ?? 'UTC', settings: '{}' })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow();
}

/** Create the user if the email is new, then give them a role in the account. */
export async function addMember(
  db: Kysely<DB>,
  input: {
    accountId: string;
    email: string;
    name: string;
    role: Role;
    password?: string;
    actorUserId?: string | null;
  },
): Promise<Member> {
  const email = input.email.trim().toLowerCase();
  let user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
  if (!user) {
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    user = await db
      .insertInto('users')
      .values({ email, name: input.name, password_hash: passwordHash })
      .returning(['id', 'email', 'name'])
      .executeTakeFirstOrThrow();
  }
  const existing = await db
    .selectFrom('memberships')
    .select('role')
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (existing) throw new AppError('email_taken', 'This person is already a member of the account');
  const membership = await db
    .insertInto('memberships')
    .values({ account_id: input.accountId, user_id: user.id, role: input.role })
    .returning(['role', 'created_at'])
    .executeTakeFirstOrThrow();
  if (input.actorUserId !== undefined) {
    await recordAudit(db, {
      accountId: input.accountId,
      actorUserId: input.actorUserId,
      action: 'member.added',
      targetType: 'user',
      targetId: user.id,
      details: { email, role: input.role },
    });
  }
  return { ...user, role: membership.role, createdAt: membership.created_at.toISOString() };
}

export async function listMembers(db: Kysely<DB>, accountId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.account_id', '=', accountId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function changeRole(
  db: Kysely<DB>,
  input: { accountId: string; userId: string; role: Role; actorUserId: string },
): Promise<void> {
  const updated = await db
    .updateTable('memberships')
    .set({ role: input.role })
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new AppError('user_not_found');
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    action: 'member.role_changed',
    targetType: 'user',
    targetId: input.userId,
    details: { role: input.role },
  });
}

export async function removeMember(
  db: Kysely<DB>,
  input: { accountId: string; userId: string; actorUserId: string },
): Promise<void> {
  if (input.userId === input.actorUserId) throw new AppError('bad_request', 'You cannot remove yourself');
  const deleted = await db
    .deleteFrom('memberships')
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new AppError('user_not_found');
  await db
    .deleteFrom('sessions')
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', input.userId)
    .execute();
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    action: 'member.removed',
    targetType: 'user',
    targetId: input.userId,
  });
}
