import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import { enqueueReply } from '../channels/index.ts';
import type { DB } from '../db/index.ts';
import { addConversationLabel, renderTemplate, snoozeConversation, variableValues } from '../desk/index.ts';
import {
  assignConversation,
  createReply,
  getConversationDtos,
  priorityRank,
  setConversationStatus,
  toMessageDto,
} from '../inbox/index.ts';
import { appendRealtimeEvents } from '../realtime/index.ts';
import type { Action, Facts, Rule } from './types.ts';

export interface ActionContext {
  db: Kysely<DB>;
  rule: Rule;
  facts: Facts;
  accountId: string;
  now: Date;
}

/** What an action did, as recorded in the `rule.fired` activity entry. */
export interface ActionOutcome {
  type: Action['type'];
  result: 'done' | 'skipped' | 'failed';
  detail?: string;
}

/** Perform one action inside the rule's transaction (the caller wraps it in a savepoint). */
export async function performAction(action: Action, ctx: ActionContext): Promise<ActionOutcome> {
  const { db, rule, facts, accountId, now } = ctx;
  const conversationId = facts.conversationId;
  switch (action.type) {
    case 'assign_agent':
      await assignConversation(db, {
        accountId,
        conversationId,
        assigneeId: action.userId,
        now,
        reason: 'rule',
      });
      return { type: action.type, result: 'done', detail: action.userId };
    case 'assign_team':
      await assignConversation(db, {
        accountId,
        conversationId,
        assigneeId: facts.assigneeId,
        teamId: action.teamId,
        now,
        reason: 'rule',
      });
      return { type: action.type, result: 'done', detail: action.teamId };
    case 'set_priority': {
      if (facts.priority === action.priority)
        return { type: action.type, result: 'skipped', detail: 'already' };
      await db
        .updateTable('conversations')
        .set({
          priority: action.priority,
          priority_rank: priorityRank[action.priority],
          priority_is_manual: true,
          updated_at: now,
        })
        .where('id', '=', conversationId)
        .execute();
      await appendActivity(db, [
        {
          accountId,
          conversationId,
          kind: 'conversation.priority_changed',
          occurredAt: now,
          data: { from: facts.priority, to: action.priority, reason: 'rule', ruleId: rule.id },
        },
      ]);
      return { type: action.type, result: 'done', detail: action.priority };
    }
    case 'add_label': {
      const isAdded = await addConversationLabel(db, {
        accountId,
        conversationId,
        labelId: action.labelId,
        now,
        actorUserId: null,
        ruleId: rule.id,
      });
      return { type: action.type, result: isAdded ? 'done' : 'skipped', detail: action.labelId };
    }
    case 'send_acknowledgement': {
      if (facts.isPublic && !action.allowPublic) {
        return { type: action.type, result: 'skipped', detail: 'public conversation' };
      }
      const context = await variableValues(db, accountId, conversationId, facts.assigneeId);
      const created = await createReply(db, {
        accountId,
        conversationId,
        userId: null,
        text: renderTemplate(action.text, context.values),
        isPublic: facts.isPublic,
        now,
        isAutomated: true,
      });
      await enqueueReply(db, { accountId, messageId: created.message.id, channelId: created.channelId, now });
      await appendRealtimeEvents(db, [
        { accountId, type: 'message.created', payload: { message: toMessageDto(created.message) } },
      ]);
      return { type: action.type, result: 'done', detail: created.message.id };
    }
    case 'suggest_private':
      await appendActivity(db, [
        {
          accountId,
          conversationId,
          kind: 'rule.suggest_private',
          occurredAt: now,
          data: {
            ruleId: rule.id,
            ruleName: rule.name,
            text: action.text ?? 'Suggest continuing this conversation in private messages',
          },
        },
      ]);
      return { type: action.type, result: 'done' };
    case 'snooze':
      await snoozeConversation(db, {
        accountId,
        conversationId,
        until: new Date(now.getTime() + action.minutes * 60_000),
        now,
        actorUserId: null,
        ruleId: rule.id,
      });
      return { type: action.type, result: 'done', detail: `${action.minutes} min` };
    case 'resolve_spam':
      await db
        .updateTable('conversations')
        .set({ is_case: false })
        .where('id', '=', conversationId)
        .execute();
      await setConversationStatus(db, { accountId, conversationId, status: 'resolved', now, reason: 'rule' });
      return { type: action.type, result: 'done', detail: 'spam' };
    case 'notify':
      await appendRealtimeEvents(db, [
        {
          accountId,
          type: 'automation.notify',
          payload: { conversationId, ruleId: rule.id, ruleName: rule.name, message: action.message },
        },
      ]);
      return { type: action.type, result: 'done' };
    case 'webhook': {
      const [conversation] = await getConversationDtos(db, accountId, [conversationId]);
      const body = JSON.stringify({
        event: 'rule.fired',
        occurredAt: now.toISOString(),
        rule: { id: rule.id, name: rule.name },
        conversation,
      });
      await db
        .insertInto('automation_webhooks')
        .values({
          account_id: accountId,
          rule_id: rule.id,
          conversation_id: conversationId,
          url: action.url,
          secret: action.secret,
          body,
          next_attempt_at: now,
        })
        .execute();
      return { type: action.type, result: 'done', detail: new URL(action.url).host };
    }
  }
}

/** Run an action in a savepoint so one failing action neither aborts the transaction nor the rule. */
export async function performSafely(action: Action, ctx: ActionContext): Promise<ActionOutcome> {
  await sql`SAVEPOINT rule_action`.execute(ctx.db);
  try {
    const outcome = await performAction(action, ctx);
    await sql`RELEASE SAVEPOINT rule_action`.execute(ctx.db);
    return outcome;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT rule_action`.execute(ctx.db);
    return {
      type: action.type,
      result: 'failed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
