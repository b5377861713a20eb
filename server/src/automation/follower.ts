import type { Kysely } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/index.ts';
import { runRules } from './engine.ts';
import { rulesFor } from './rules-store.ts';
import type { Rule, TriggerType } from './types.ts';

const UPDATE_KINDS = new Set([
  'conversation.assigned',
  'conversation.status_changed',
  'conversation.priority_changed',
  'label.added',
  'label.removed',
  'conversation.merged',
  'conversation.transferred',
]);

/** The kinds the automation follower reads (the cursor still moves past the others). */
export const AUTOMATION_KINDS = ['conversation.created', 'message.received', 'sla.at_risk', ...UPDATE_KINDS];

/** Which triggers an activity row sets off; none for rows a rule caused (no rule loops). */
export function triggersOf(row: Activity): { trigger: TriggerType; key: string }[] {
  const data = row.data as { reason?: unknown; ruleId?: unknown; to?: unknown };
  if (data.reason === 'rule' || data.ruleId !== undefined) return [];
  if (row.kind === 'conversation.created') return [{ trigger: 'conversation_created', key: 'created' }];
  if (row.kind === 'message.received')
    return [{ trigger: 'message_received', key: `msg:${row.messageId ?? row.id}` }];
  if (row.kind === 'sla.at_risk') return [{ trigger: 'sla_at_risk', key: `act:${row.id}` }];
  if (!UPDATE_KINDS.has(row.kind)) return [];
  const triggers: { trigger: TriggerType; key: string }[] = [
    { trigger: 'conversation_updated', key: `act:${row.id}` },
  ];
  if (row.kind === 'conversation.status_changed' && data.to === 'resolved') {
    triggers.push({ trigger: 'conversation_resolved', key: `act:${row.id}` });
  }
  return triggers;
}

/** The automation follower: event-triggered rules run in the transaction that moves its cursor. */
export function automationFollower(clock: Clock) {
  return {
    name: 'automation',
    kinds: AUTOMATION_KINDS,
    batchSize: 100,
    handle: async (trx: Kysely<DB>, rows: Activity[]) => {
      // One rules query per account and trigger per batch, not per row (most rows match no rule).
      const rulesByKey = new Map<string, Rule[]>();
      for (const row of rows) {
        for (const { trigger, key } of triggersOf(row)) {
          const cacheKey = `${row.accountId}:${trigger}`;
          let rules = rulesByKey.get(cacheKey);
          if (!rules) {
            rules = await rulesFor(trx, row.accountId, trigger);
            rulesByKey.set(cacheKey, rules);
          }
          if (rules.length === 0) continue;
          await runRules(
            trx,
            {
              accountId: row.accountId,
              conversationId: row.conversationId,
              trigger,
              key,
              messageId: row.messageId,
              now: clock(),
            },
            rules,
          );
        }
      }
    },
  };
}
