import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.ts';
import { generatePassword } from './secrets.ts';
import { addMember, createAccount } from './users.ts';

export const DEMO_ACCOUNT_SLUG = 'demo';
export const DEMO_PASSWORD = 'parley-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.parley.dev', name: 'Ada Admin', role: 'admin' },
  { email: 'supervisor@demo.parley.dev', name: 'Sam Supervisor', role: 'supervisor' },
  { email: 'agent1@demo.parley.dev', name: 'Alex Agent', role: 'agent' },
  { email: 'agent2@demo.parley.dev', name: 'Bea Agent', role: 'agent' },
  { email: 'agent3@demo.parley.dev', name: 'Chris Agent', role: 'agent' },
];

/**
 * The demo account. In demo mode everyone has the known DEMO_PASSWORD; otherwise each user gets a
 * generated password, returned once so the caller can show it. Idempotent.
 */
export async function seedDemoAccount(
  db: Kysely<DB>,
  options: { useKnownPasswords: boolean } = { useKnownPasswords: true },
): Promise<{ accountId: string; created: boolean; passwords: { email: string; password: string }[] }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('accounts')
      .select('id')
      .where('slug', '=', DEMO_ACCOUNT_SLUG)
      .executeTakeFirst();
    if (existing) return { accountId: existing.id, created: false, passwords: [] };
    const account = await createAccount(trx, {
      name: 'Demo Outfitters',
      slug: DEMO_ACCOUNT_SLUG,
      timeZone: 'Europe/London',
    });
    const passwords: { email: string; password: string }[] = [];
    for (const user of DEMO_USERS) {
      const password = options.useKnownPasswords ? DEMO_PASSWORD : generatePassword();
      await addMember(trx, { accountId: account.id, ...user, password });
      passwords.push({ email: user.email, password });
    }
    await trx.insertInto('teams').values({ account_id: account.id, name: 'Social care' }).execute();
    return { accountId: account.id, created: true, passwords };
  });
}

/** A production account's first admin, with a generated password shown once. */
export async function seedAdmin(
  db: Kysely<DB>,
  input: { email: string; name?: string; accountName: string },
): Promise<{ accountId: string; email: string; password: string }> {
  return db.transaction().execute(async (trx) => {
    const slug = input.accountName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const account = await createAccount(trx, { name: input.accountName, slug: slug || 'account' });
    const password = generatePassword();
    await addMember(trx, {
      accountId: account.id,
      email: input.email,
      name: input.name ?? input.email.split('@')[0] ?? input.email,
      role: 'admin',
      password,
      actorUserId: null,
    });
    return { accountId: account.id, email: input.email, password };
  });
}
