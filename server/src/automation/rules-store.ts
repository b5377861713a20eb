import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/index.ts';
import { type DB, isUuid } from '../db/index.ts';
import { unknownVariables } from '../desk/index.ts';
import { AppError } from '../errors/index.ts';
import { safeRegex } from './conditions.ts';
import type { Action, Condition, Rule, RuleBody, Trigger, TriggerType } from './types.ts';

/** What the API shows instead of a webhook secret; sending it back keeps the stored one. */
export const SECRET_MASK = '****************';

type Row = Awaited<ReturnType<ReturnType<typeof rulesQuery>['executeTakeFirstOrThrow']>>;

function rulesQuery(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('automation_rules').selectAll().where('account_id', '=', accountId);
}

/** Webhook secrets are write-only: the API shows that one is set, never its value. */
export function toRule(row: Row, options: { withSecrets?: boolean } = {}): Rule {
  const actions = row.actions as unknown as Action[];
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    position: row.position,
    isEnabled: row.is_enabled,
    stopProcessing: row.stop_processing,
    trigger: row.trigger as unknown as Trigger,
    conditions: row.conditions as unknown as Condition[],
    actions: options.withSecrets
      ? actions
      : actions.map((a) => (a.type === 'webhook' ? { ...a, secret: SECRET_MASK } : a)),
    fireCount: row.fire_count,
    lastFiredAt: row.last_fired_at?.toISOString() ?? null,
  };
}

export async function listRules(db: Kysely<DB>, accountId: string): Promise<Rule[]> {
  const rows = await rulesQuery(db, accountId).orderBy('position').orderBy('created_at').execute();
  return rows.map((r) => toRule(r));
}

/** Enabled rules with this trigger, in evaluation order, secrets included (for the engine). */
export async function rulesFor(db: Kysely<DB>, accountId: string, trigger: TriggerType): Promise<Rule[]> {
  const rows = await rulesQuery(db, accountId)
    .where('is_enabled', '=', true)
    .where((eb) => eb(eb.ref('trigger', '->>').key('type'), '=', trigger))
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => toRule(r, { withSecrets: true }));
}

async function requireRule(db: Kysely<DB>, accountId: string, id: string): Promise<Row> {
  const row = isUuid(id)
    ? await rulesQuery(db, accountId).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', 'No such rule');
  return row;
}

export async function getRule(db: Kysely<DB>, accountId: string, id: string): Promise<Rule> {
  return toRule(await requireRule(db, accountId, id));
}

/** Check what the schema cannot: patterns compile, variables exist, referenced ids are the account's. */
export async function validateRule(db: Kysely<DB>, accountId: string, body: RuleBody): Promise<void> {
  const details: { field: string; message: string }[] = [];
  const exists = async (table: 'teams' | 'labels', id: string) =>
    isUuid(id) &&
    (await db
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined;
  for (const [i, c] of body.conditions.entries()) {
    if (c.type === 'text_matches' && !safeRegex(c.pattern)) {
      details.push({ field: `conditions/${i}/pattern`, message: 'not a valid regular expression' });
    }
    if (c.type === 'follower_count' && c.min === undefined && c.max === undefined) {
      details.push({ field: `conditions/${i}`, message: 'give min, max or both' });
    }
    if (c.type === 'label' && !(await exists('labels', c.labelId))) {
      details.push({ field: `conditions/${i}/labelId`, message: 'no such label in this account' });
    }
  }
  for (const [i, a] of body.actions.entries()) {
    if (a.type === 'assign_agent') {
      const member =
        isUuid(a.userId) &&
        (await db
          .selectFrom('memberships')
          .select('user_id')
          .where('account_id', '=', accountId)
          .where('user_id', '=', a.userId)
          .executeTakeFirst());
      if (!member) details.push({ field: `actions/${i}/userId`, message: 'not a member of this account' });
    }
    if (a.type === 'assign_team' && !(await exists('teams', a.teamId))) {
      details.push({ field: `actions/${i}/teamId`, message: 'no such team in this account' });
    }
    if (a.type === 'add_label' && !(await exists('labels', a.labelId))) {
      details.push({ field: `actions/${i}/labelId`, message: 'no such label in this account' });
    }
    if (a.type === 'send_acknowledgement') {
      const unknown = unknownVariables(a.text);
      if (unknown.length > 0)
        details.push({ field: `actions/${i}/text`, message: `unknown variable(s) ${unknown.join(', ')}` });
    }
    if (a.type === 'webhook' && !URL.canParse(a.url)) {
      details.push({ field: `actions/${i}/url`, message: 'not a valid URL' });
    }
  }
  if (details.length > 0) throw new AppError('validation_failed', 'Invalid rule', details);
}

const columns = (body: RuleBody, now: Date) => ({
  name: body.name.trim(),
  is_enabled: body.isEnabled ?? true,
  stop_processing: body.stopProcessing ?? false,
  trigger: JSON.stringify(body.trigger),
  conditions: JSON.stringify(body.conditions),
  actions: JSON.stringify(body.actions),
  updated_at: now,
});

export async function createRule(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string },
  body: RuleBody,
  now: Date,
): Promise<Rule> {
  await validateRule(db, actor.accountId, body);
  const last = await db
    .selectFrom('automation_rules')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  const row = await db
    .insertInto('automation_rules')
    .values({
      account_id: actor.accountId,
      position: body.position ?? Number(last?.max ?? -1) + 1,
      ...columns(body, now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'automation.rule_created', row.id, body.name);
  return toRule(row);
}

/** Replace a rule; a webhook action sent back with the masked secret keeps the stored one. */
export async function updateRule(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string },
  id: string,
  body: RuleBody,
  now: Date,
): Promise<Rule> {
  const existing = toRule(await requireRule(db, actor.accountId, id), { withSecrets: true });
  const storedSecrets = existing.actions.flatMap((a) => (a.type === 'webhook' ? [a] : []));
  const actions = body.actions.map((a) => {
    if (a.type !== 'webhook' || a.secret !== SECRET_MASK) return a;
    const stored = storedSecrets.find((s) => s.url === a.url);
    if (!stored) {
      throw new AppError('validation_failed', 'Invalid rule', [
        { field: 'actions', message: 'a new webhook URL needs its secret' },
      ]);
    }
    return { ...a, secret: stored.secret };
  });
  const next = { ...body, actions };
  await validateRule(db, actor.accountId, next);
  const row = await db
    .updateTable('automation_rules')
    .set({ ...columns(next, now), ...(body.position !== undefined ? { position: body.position } : {}) })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'automation.rule_updated', row.id, body.name);
  return toRule(row);
}

export async function deleteRule(db: Kysely<DB>, actor: { accountId: string; userId: string }, id: string) {
  const row = await requireRule(db, actor.accountId, id);
  await db.deleteFrom('automation_rules').where('id', '=', row.id).execute();
  await audit(db, actor, 'automation.rule_deleted', row.id, row.name);
}

function audit(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string },
  action: string,
  id: string,
  name: string,
) {
  return recordAudit(db, {
    accountId: actor.accountId,
    actorUserId: actor.userId,
    action,
    targetType: 'automation_rule',
    targetId: id,
    details: { name },
  });
}
