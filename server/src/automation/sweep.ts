import { sql } from 'kysely';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { closeStaleWorkTime, listViewers, wakeSnoozed } from '../desk/index.ts';
import { appendRealtimeEvents, publishConversation } from '../realtime/index.ts';
import { fireRule } from './engine.ts';
import { toRule } from './rules-store.ts';
import type { Rule } from './types.ts';
import { deliverWebhooks } from './webhooks.ts';

export interface DeskSweepOptions {
  db: Database;
  clock: Clock;
  /** Opens rule webhook secrets to sign deliveries; without it, deliveries wait for a process that has it. */
  secretKey?: string;
  fetch?: typeof fetch;
  /** After a commit that published realtime events. */
  onPublished?: () => Promise<void> | void;
  onError?: (error: unknown) => void;
  idleMs?: number;
}

/** Conversations per statement or page of the time-rule sweep. */
const PAGE = 200;

/**
 * The periodic half of automation and the desk: time-based rules (no agent reply for X minutes,
 * scheduled), waking snoozed conversations, ending presence whose heartbeats stopped, and
 * delivering rule webhooks. Nothing here waits for a message to arrive.
 */
export class DeskSweep {
  readonly #loop: WorkerLoop;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: DeskSweepOptions) {
    this.#fetch = options.fetch ?? fetch;
    this.#loop = new WorkerLoop(() => this.runOnce(), {
      idleMs: options.idleMs ?? 10_000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** One pass; returns how many things it did (0 when idle). */
  async runOnce(): Promise<number> {
    const now = this.options.clock();
    let done = 0;
    done += await this.#wakeSnoozed(now);
    done += await this.#endStalePresence(now);
    done += await this.#timeRules(now);
    if (done > 0) await this.options.onPublished?.();
    if (this.options.secretKey)
      done += await deliverWebhooks(this.options.db, {
        now,
        fetch: this.#fetch,
        secretKey: this.options.secretKey,
      });
    return done;
  }

  async #wakeSnoozed(now: Date): Promise<number> {
    return this.options.db.kysely.transaction().execute(async (trx) => {
      const woken = await wakeSnoozed(trx, now);
      for (const c of woken) await publishConversation(trx, c.accountId, c.id);
      return woken.length;
    });
  }

  async #endStalePresence(now: Date): Promise<number> {
    return this.options.db.kysely.transaction().execute(async (trx) => {
      const ended = await closeStaleWorkTime(trx, now);
      const seen = new Set<string>();
      for (const e of ended) {
        if (seen.has(e.conversationId)) continue;
        seen.add(e.conversationId);
        const viewers = await listViewers(trx, e.accountId, e.conversationId, now);
        await appendRealtimeEvents(trx, [
          {
            accountId: e.accountId,
            type: 'presence.updated',
            payload: { conversationId: e.conversationId, viewers },
          },
        ]);
      }
      return ended.length;
    });
  }

  /**
   * Rules whose trigger is time itself, in each account's rule order. Neither kind scans every open
   * conversation on every tick: no-reply rules follow due times kept on the conversations, and a
   * scheduled rule goes over the open conversations once per slot, remembering how far it got.
   */
  async #timeRules(now: Date): Promise<number> {
    const rules = (
      await this.options.db.kysely
        .selectFrom('automation_rules')
        .selectAll()
        .where('is_enabled', '=', true)
        .where((eb) => eb(eb.ref('trigger', '->>').key('type'), 'in', ['no_agent_reply', 'scheduled']))
        .orderBy('account_id')
        .orderBy('position')
        .orderBy('created_at')
        .execute()
    ).map((row) => ({
      rule: toRule(row, { withSealedSecrets: true }),
      progress: { occasion: row.sweep_occasion, afterId: row.sweep_after_id, isDone: row.is_sweep_done },
    }));
    const noReply = new Map<string, Rule[]>();
    for (const { rule } of rules)
      if (rule.trigger.type === 'no_agent_reply')
        noReply.set(rule.accountId, [...(noReply.get(rule.accountId) ?? []), rule]);
    let fired = await this.#noReplyRules(noReply, now);
    for (const { rule, progress } of rules)
      if (rule.trigger.type === 'scheduled') fired += await this.#scheduledRule(rule, progress, now);
    return fired;
  }

  /**
   * no_agent_reply: a customer who starts waiting gets a due time (the shortest rule's threshold);
   * when it passes, the rules whose threshold has come are evaluated once for that wait and the
   * next threshold becomes the due time. Saving a no-reply rule re-schedules the account's waits.
   */
  async #noReplyRules(byAccount: Map<string, Rule[]>, now: Date): Promise<number> {
    const db = this.options.db.kysely;
    const minutesOf = (rule: Rule) => (rule.trigger.type === 'no_agent_reply' ? rule.trigger.minutes : 0);
    for (const [accountId, rules] of byAccount) {
      const first = Math.min(...rules.map(minutesOf));
      // New waits (the partial index holds exactly these): schedule them, a page per statement.
      for (;;) {
        const scheduled = await sql`
          UPDATE conversations SET automation_wait_seen = waiting_since,
            automation_due_at = waiting_since + make_interval(mins => ${first})
          WHERE id IN (
            SELECT id FROM conversations
            WHERE account_id = ${accountId} AND status IN ('new', 'open') AND is_case
              AND waiting_since IS NOT NULL AND automation_wait_seen IS DISTINCT FROM waiting_since
            LIMIT ${PAGE} FOR UPDATE SKIP LOCKED)`.execute(db);
        if (Number(scheduled.numAffectedRows ?? 0) < PAGE) break;
      }
    }
    let fired = 0;
    for (;;) {
      const due = await db
        .selectFrom('conversations')
        .select([
          'id',
          'account_id',
          'status',
          'is_case',
          'waiting_since',
          'automation_wait_seen',
          'automation_due_at',
        ])
        .where('automation_due_at', '<=', now)
        .orderBy('automation_due_at')
        .limit(PAGE)
        .execute();
      for (const conv of due) {
        const rules = byAccount.get(conv.account_id) ?? [];
        const isWaiting =
          (conv.status === 'new' || conv.status === 'open') &&
          conv.is_case &&
          conv.waiting_since !== null &&
          conv.waiting_since.getTime() === conv.automation_wait_seen?.getTime();
        const waitStart = conv.waiting_since?.getTime() ?? 0;
        const dueFrom = conv.automation_due_at?.getTime() ?? 0;
        const thresholdOf = (rule: Rule) => waitStart + minutesOf(rule) * 60_000;
        // Rules whose threshold came since the last look, in rule order; then the next threshold.
        const firing = isWaiting
          ? rules.filter((r) => thresholdOf(r) >= dueFrom && thresholdOf(r) <= now.getTime())
          : [];
        const later = isWaiting ? rules.map(thresholdOf).filter((t) => t > now.getTime()) : [];
        const nextDue = later.length > 0 ? new Date(Math.min(...later)) : null;
        fired += await db.transaction().execute(async (trx) => {
          let n = 0;
          for (const rule of firing) {
            const isFired = await fireRule(trx, rule, {
              accountId: conv.account_id,
              conversationId: conv.id,
              trigger: 'no_agent_reply',
              key: `wait:${conv.waiting_since?.toISOString()}`,
              now,
            });
            if (isFired) n += 1;
          }
          if (n > 0) await publishConversation(trx, conv.account_id, conv.id);
          // Only if nothing re-scheduled the wait meanwhile (a new message, a rule saved).
          await trx
            .updateTable('conversations')
            .set({ automation_due_at: nextDue })
            .where('id', '=', conv.id)
            .where(sql`date_trunc('milliseconds', automation_due_at)`, '=', conv.automation_due_at)
            .execute();
          return n;
        });
      }
      if (due.length < PAGE) return fired;
    }
  }

  /** scheduled: one pass over the open conversations per slot, in id order, resumed where it stopped. */
  async #scheduledRule(
    rule: Rule,
    progress: { occasion: string | null; afterId: string | null; isDone: boolean },
    now: Date,
  ): Promise<number> {
    if (rule.trigger.type !== 'scheduled') return 0;
    const db = this.options.db.kysely;
    const key = `slot:${Math.floor(now.getTime() / (rule.trigger.everyMinutes * 60_000))}`;
    if (progress.occasion === key && progress.isDone) return 0;
    let after = progress.occasion === key ? progress.afterId : null;
    let fired = 0;
    for (;;) {
      const candidates = await db
        .selectFrom('conversations as c')
        .select('c.id')
        .where('c.account_id', '=', rule.accountId)
        .where('c.status', 'in', ['new', 'open', 'pending'])
        .$if(after !== null, (q) => q.where('c.id', '>', after!))
        .orderBy('c.id')
        .limit(PAGE)
        .execute();
      fired += await this.#fireEach(
        rule,
        candidates.map((c) => ({ id: c.id, key })),
        now,
      );
      after = candidates[candidates.length - 1]?.id ?? after;
      const isDone = candidates.length < PAGE;
      await db
        .updateTable('automation_rules')
        .set({ sweep_occasion: key, sweep_after_id: after, is_sweep_done: isDone })
        .where('id', '=', rule.id)
        .execute();
      if (isDone) return fired;
    }
  }

  async #fireEach(rule: Rule, candidates: { id: string; key: string }[], now: Date): Promise<number> {
    const db = this.options.db.kysely;
    let fired = 0;
    for (const candidate of candidates) {
      const hasFired = await db.transaction().execute(async (trx) => {
        const isFired = await fireRule(trx, rule, {
          accountId: rule.accountId,
          conversationId: candidate.id,
          trigger: rule.trigger.type,
          key: candidate.key,
          now,
        });
        if (isFired) await publishConversation(trx, rule.accountId, candidate.id);
        return isFired;
      });
      if (hasFired) fired += 1;
    }
    return fired;
  }
}
