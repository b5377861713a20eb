import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../accounts/index.ts';
import { type DB, isUuid } from '../db/index.ts';
import { unknownVariables } from '../desk/index.ts';
import { AppError } from '../errors/index.ts';
import { safeRegex } from './conditions.ts';
import type { Action, Condition, Rule, RuleBody, Trigger, TriggerType } from './types.ts';
import { sealWebhookSecret } from './webhooks.ts';

/** What the API shows instead of a webhook secret; sending it back keeps the stored one. */
export const SECRET_MASK = '****************';

/** A webhook action as stored: the secret only sealed (0014), never in clear. */
type StoredWebhook = { type: 'webhook'; url: string; secretSealed: string };
type StoredAction = Exclude<Action, { type: 'webhook' }> | StoredWebhook;

type Row = Awaited<ReturnType<ReturnType<typeof rulesQuery>['executeTakeFirstOrThrow']>>;

function rulesQuery(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('automation_rules').selectAll().where('account_id', '=', accountId);
}

/**
 * Webhook secrets are write-only: the API shows `isSecretSet` and the mask, never the value. The
 * engine (`withSealedSecrets`) gets the sealed form as `secret`; only delivery opens it, to sign.
 */
export function toRule(row: Row, options: { withSealedSecrets?: boolean } = {}): Rule {
  const stored = row.actions as unknown as StoredAction[];
  const actions = stored.map((a): Action => {
    if (a.type !== 'webhook') return a;
    if (options.withSealedSecrets) return { type: 'webhook', url: a.url, secret: a.secretSealed };
    const shown = { type: 'webhook' as const, url: a.url, secret: SECRET_MASK, isSecretSet: true };
    return shown;
  });
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    position: row.position,
    isEnabled: row.is_enabled,
    stopProcessing: row.stop_processing,
    trigger: row.trigger as unknown as Trigger,
    conditions: row.conditions as unknown as Condition[],
    actions,
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
  return rows.map((r) => toRule(r, { withSealedSecrets: true }));
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

const columns = (body: RuleBody, actions: StoredAction[], now: Date) => ({
  name: body.name.trim(),
  is_enabled: body.isEnabled ?? true,
  stop_processing: body.stopProcessing ?? false,
  trigger: JSON.stringify(body.trigger),
  conditions: JSON.stringify(body.conditions),
  actions: JSON.stringify(actions),
  updated_at: now,
});

/**
 * Actions as stored: new webhook secrets sealed; the mask keeps the sealed secret already stored
 * for the same URL (a new URL needs its secret).
 */
function storedActions(actions: Action[], secretKey: string, kept: StoredWebhook[]): StoredAction[] {
  return actions.map((a): StoredAction => {
    if (a.type !== 'webhook') return a;
    if (a.secret !== SECRET_MASK)
      return { type: 'webhook', url: a.url, secretSealed: sealWebhookSecret(secretKey, a.secret) };
    const stored = kept.find((k) => k.url === a.url);
    if (!stored)
      throw new AppError('validation_failed', 'Invalid rule', [
        { field: 'actions', message: 'a new webhook URL needs its secret' },
      ]);
    return stored;
  });
}

export async function createRule(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string },
  body: RuleBody,
  now: Date,
  secretKey: string,
): Promise<Rule> {
  await validateRule(db, actor.accountId, body);
  const actions = storedActions(body.actions, secretKey, []);
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
      ...columns(body, actions, now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'automation.rule_created', row.id, body.name);
  if (body.trigger.type === 'no_agent_reply') await rescheduleWaits(db, actor.accountId);
  return toRule(row);
}

/** Replace a rule; a webhook action sent back with the masked secret keeps the stored one. */
export async function updateRule(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string },
  id: string,
  body: RuleBody,
  now: Date,
  secretKey: string,
): Promise<Rule> {
  const existing = await requireRule(db, actor.accountId, id);
  const kept = (existing.actions as unknown as StoredAction[]).flatMap((a) =>
    a.type === 'webhook' ? [a] : [],
  );
  await validateRule(db, actor.accountId, body);
  const actions = storedActions(body.actions, secretKey, kept);
  const row = await db
    .updateTable('automation_rules')
    .set({
      ...columns(body, actions, now),
      ...(body.position !== undefined ? { position: body.position } : {}),
    })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'automation.rule_updated', row.id, body.name);
  if (
    body.trigger.type === 'no_agent_reply' ||
    (existing.trigger as { type?: string }).type === 'no_agent_reply'
  )
    await rescheduleWaits(db, actor.accountId);
  return toRule(row);
}

/**
 * A no-reply rule was saved: the sweep schedules the account's current waits again, so the rule
 * also applies to customers already waiting (a rule fires at most once per wait all the same).
 */
async function rescheduleWaits(db: Kysely<DB>, accountId: string): Promise<void> {
  await sql`
    UPDATE conversations SET automation_wait_seen = NULL
    WHERE account_id = ${accountId} AND status IN ('new', 'open') AND automation_wait_seen IS NOT NULL`.execute(
    db,
  );
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
