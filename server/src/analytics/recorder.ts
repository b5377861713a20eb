// Turns the conversation activity log into reporting events, as things happen: each event carries
// the dimensions of its conversation at that moment and, when it stops a clock, the clock's
// wall-clock and business-hours length. Reports read only these rows (and their rollup).
// A batch costs a fixed handful of statements however many rows it has (batch-store.ts).
import type { Kysely } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { DB } from '../db/index.ts';
import { applyHandleTimes, loadAccountContexts, loadSummaries, writeBatch } from './batch-store.ts';
import { type BatchOutput, type RecorderOptions, RowRecorder } from './row-recorder.ts';
import type { Summary } from './summary.ts';
import { queueWebhookDeliveries } from './webhook-queue.ts';

export type { RecorderOptions } from './row-recorder.ts';

export const RECORDED_KINDS = [
  'conversation.created',
  'message.received',
  'conversation.reopened',
  'reply.sent',
  'conversation.assigned',
  'conversation.status_changed',
  'conversation.priority_changed',
  'sla.met',
  'sla.breached',
] as const;

/** Record a batch of activity rows, in order, inside the consumer's transaction. */
export async function recordActivity(
  trx: Kysely<DB>,
  rows: Activity[],
  options: RecorderOptions,
): Promise<void> {
  if (rows.length === 0) return;
  const contexts = await loadAccountContexts(trx, [...new Set(rows.map((r) => r.accountId))]);
  const summaries = await loadSummaries(trx, rows);
  const batch: BatchOutput = { events: [], handleTimes: [] };
  const touched = new Set<Summary>();
  for (const row of rows) {
    const context = contexts.get(row.accountId);
    const summary = summaries.get(row.conversationId);
    if (!context || !summary) continue; // the conversation is gone
    const recorder = new RowRecorder(trx, row, summary, context.clocks, context.settings, options, batch);
    await recorder.apply();
    summary.updated_at = row.occurredAt;
    touched.add(summary);
  }
  await applyHandleTimes(trx, batch.handleTimes);
  const kindsByAccount = new Map([...contexts].map(([id, c]) => [id, c.webhookKinds]));
  const isNotifying = !options.isReplay && [...kindsByAccount.values()].some((kinds) => kinds !== null);
  const inserted = await writeBatch(trx, batch.events, [...touched], isNotifying);
  if (isNotifying) await queueWebhookDeliveries(trx, inserted, kindsByAccount, options.clock());
}
