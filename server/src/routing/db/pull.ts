// Manual pull ("next best conversation"): the agent takes the best waiting conversation they may
// handle, in the account's queue order. The agent's own presence row is locked while their load is
// counted and the conversation is assigned, so a pull never exceeds capacity either; conversations
// another assigner holds are skipped, not waited for.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { assignConversation } from '../../inbox/index.ts';
import { isEligibleToPull, nextBestConversation, type RoutableConversation } from '../core.ts';
import { loadAgentSnapshots } from './agents.ts';
import { publishChanges, queueOrderSql, ROUTING_COLUMNS, type RoutingRow, workKindOf } from './router.ts';
import { effectiveSettings, loadAccountRoutingSettings } from './settings.ts';

export async function pullNextConversation(
  trx: Kysely<DB>,
  input: { accountId: string; userId: string; now: Date; requireSkills?: boolean },
): Promise<string | null> {
  const { accountId, userId, now } = input;
  const presence = await trx
    .selectFrom('agent_presence')
    .select('status')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (presence?.status !== 'online')
    throw new AppError('conflict', 'Set your presence to online to take conversations');
  const all = await loadAccountRoutingSettings(trx, accountId);
  const account = effectiveSettings(all);
  const [agent] = await loadAgentSnapshots(trx, accountId, account.defaultCapacity, { userIds: [userId] });
  if (!agent) return null;
  const ids = await sql<{ id: string }>`
    SELECT c.id FROM conversations c
    WHERE c.account_id = ${accountId} AND c.assignee_id IS NULL AND c.status IN ('new', 'open') AND c.is_case
    ORDER BY ${sql.join(queueOrderSql[account.queueOrder])}
    LIMIT 500
    FOR NO KEY UPDATE SKIP LOCKED`.execute(trx);
  if (ids.rows.length === 0) return null;
  const rows = (await trx
    .selectFrom('conversations as c')
    .select([...ROUTING_COLUMNS])
    .where(
      'c.id',
      'in',
      ids.rows.map((r) => r.id),
    )
    .execute()) as RoutingRow[];
  const queue: (RoutableConversation & { row: RoutingRow })[] = rows.map((row) => {
    const settings = effectiveSettings(all, { channelId: row.channel_id, teamId: row.team_id });
    return {
      row,
      id: row.id,
      priority: row.priority,
      waitingSince: (row.waiting_since ?? row.created_at).getTime(),
      slaDueAt: row.sla_next_due_at?.getTime() ?? null,
      workKind: workKindOf(row, settings),
      requiredSkills: settings.requiredSkills,
      teamId: row.team_id ?? settings.teamId,
      lastAgentId: null,
    };
  });
  const options = { order: account.queueOrder, requireSkills: input.requireSkills ?? true };
  const best = nextBestConversation(agent, queue, options);
  if (!best || !isEligibleToPull(agent, best, options)) return null;
  await assignConversation(trx, {
    accountId,
    conversationId: best.id,
    assigneeId: userId,
    ...(best.row.team_id === null && best.teamId ? { teamId: best.teamId } : {}),
    now,
    actorUserId: userId,
    reason: 'manual pull: next best conversation',
  });
  const settings = effectiveSettings(all, { channelId: best.row.channel_id, teamId: best.row.team_id });
  await trx
    .updateTable('conversations')
    .set({
      work_kind: best.workKind,
      routed_at: now,
      routing_check_at:
        settings.noReplyReassignMinutes === null
          ? null
          : new Date(now.getTime() + settings.noReplyReassignMinutes * 60_000),
    })
    .where('id', '=', best.id)
    .execute();
  await trx
    .updateTable('agent_presence')
    .set({ last_assigned_at: now, last_active_at: now })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .execute();
  await publishChanges(trx, accountId, [best.id]);
  return best.id;
}
