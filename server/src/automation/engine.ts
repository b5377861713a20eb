import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import type { DB } from '../db/index.ts';
import { publishConversation } from '../realtime/index.ts';
import { performSafely } from './actions.ts';
import { matchesAll } from './conditions.ts';
import { loadFacts } from './facts.ts';
import { rulesFor } from './rules-store.ts';
import type { Rule, TriggerType } from './types.ts';

/** Backstop against loops through the outside world: at most this many firings per conversation per hour. */
export const MAX_FIRINGS_PER_CONVERSATION_PER_HOUR = 20;

export interface Occasion {
  accountId: string;
  conversationId: string;
  trigger: TriggerType;
  /** Unique per rule and conversation: the same occasion never fires a rule twice (restarts, repeats). */
  key: string;
  messageId?: string | null;
  now: Date;
}

/**
 * Evaluate the account's rules for this trigger in order (position, then age) and fire those
 * whose conditions hold; a rule with `stopProcessing` ends the evaluation once it fires.
 * Returns the ids of the rules that fired.
 */
export async function runRules(db: Kysely<DB>, occasion: Occasion, rules?: Rule[]): Promise<string[]> {
  const candidates = rules ?? (await rulesFor(db, occasion.accountId, occasion.trigger));
  const fired: string[] = [];
  for (const rule of candidates) {
    const hasFired = await fireRule(db, rule, occasion);
    if (hasFired) {
      fired.push(rule.id);
      if (rule.stopProcessing) break;
    }
  }
  if (fired.length > 0) await publishConversation(db, occasion.accountId, occasion.conversationId);
  return fired;
}

/** Fire one rule if its conditions hold and it has not fired for this occasion. */
export async function fireRule(db: Kysely<DB>, rule: Rule, occasion: Occasion): Promise<boolean> {
  // Facts are reloaded per rule so a later rule sees what an earlier one changed.
  const facts = await loadFacts(db, occasion.accountId, occasion.conversationId, {
    messageId: occasion.messageId ?? null,
    now: occasion.now,
  });
  if (!facts || facts.status === 'closed' || !matchesAll(rule.conditions, facts)) return false;
  const recent = await db
    .selectFrom('automation_firings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('conversation_id', '=', occasion.conversationId)
    .where('fired_at', '>', new Date(occasion.now.getTime() - 3_600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.count) >= MAX_FIRINGS_PER_CONVERSATION_PER_HOUR) return false;
  const claimed = await db
    .insertInto('automation_firings')
    .values({
      account_id: occasion.accountId,
      rule_id: rule.id,
      conversation_id: occasion.conversationId,
      occasion: occasion.key,
      fired_at: occasion.now,
    })
    .onConflict((oc) => oc.columns(['rule_id', 'conversation_id', 'occasion']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return false;
  const outcomes = [];
  for (const action of rule.actions) {
    outcomes.push(
      await performSafely(action, { db, rule, facts, accountId: occasion.accountId, now: occasion.now }),
    );
  }
  await appendActivity(db, [
    {
      accountId: occasion.accountId,
      conversationId: occasion.conversationId,
      kind: 'rule.fired',
      occurredAt: occasion.now,
      data: { ruleId: rule.id, ruleName: rule.name, trigger: occasion.trigger, actions: outcomes },
    },
  ]);
  await db
    .updateTable('automation_rules')
    .set({ fire_count: sql`fire_count + 1`, last_fired_at: occasion.now })
    .where('id', '=', rule.id)
    .execute();
  return true;
}
