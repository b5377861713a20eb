import { sql } from 'kysely';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { closeStaleWorkTime, listViewers, publishConversation, wakeSnoozed } from '../desk/index.ts';
import { appendRealtimeEvents } from '../realtime/index.ts';
import { fireRule } from './engine.ts';
import { toRule } from './rules-store.ts';
import type { Rule } from './types.ts';
import { deliverWebhooks } from './webhooks.ts';

export interface DeskSweepOptions {
  db: Database;
  clock: Clock;
  fetch?: typeof fetch;
  /** After a commit that published realtime events. */
  onPublished?: () => Promise<void> | void;
  onError?: (error: unknown) => void;
  idleMs?: number;
}

const CANDIDATES_PER_RULE = 200;

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
    done += await deliverWebhooks(this.options.db, { now, fetch: this.#fetch });
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

  /** Rules whose trigger is time itself, in each account's rule order. */
  async #timeRules(now: Date): Promise<number> {
    const db = this.options.db.kysely;
    const rules = (
      await db
        .selectFrom('automation_rules')
        .selectAll()
        .where('is_enabled', '=', true)
        .where((eb) => eb(eb.ref('trigger', '->>').key('type'), 'in', ['no_agent_reply', 'scheduled']))
        .orderBy('account_id')
        .orderBy('position')
        .orderBy('created_at')
        .execute()
    ).map((row) => toRule(row, { withSecrets: true }));
    let fired = 0;
    for (const rule of rules) {
      // Page through every candidate: one that fails the conditions must not hide the rest.
      let after: string | null = null;
      for (;;) {
        const candidates = await this.#candidates(rule, now, after);
        if (candidates.length === 0) break;
        after = candidates[candidates.length - 1]!.id;
        fired += await this.#fireEach(rule, candidates, now);
        if (candidates.length < CANDIDATES_PER_RULE) break;
      }
    }
    return fired;
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

  /** Candidates in id order after `after` (each rule's own keyset). */
  async #candidates(rule: Rule, now: Date, after: string | null): Promise<{ id: string; key: string }[]> {
    const db = this.options.db.kysely;
    const trigger = rule.trigger;
    if (trigger.type === 'no_agent_reply') {
      // Waiting since before the cutoff, and this rule has not fired since the wait began: once per wait.
      const rows = await db
        .selectFrom('conversations as c')
        .select(['c.id', 'c.waiting_since'])
        .where('c.account_id', '=', rule.accountId)
        .where('c.status', 'in', ['new', 'open'])
        .where('c.is_case', '=', true)
        .where('c.waiting_since', '<=', new Date(now.getTime() - trigger.minutes * 60_000))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('automation_firings as f')
                .select(sql`1`.as('one'))
                .where('f.rule_id', '=', rule.id)
                .whereRef('f.conversation_id', '=', 'c.id')
                .whereRef('f.fired_at', '>=', 'c.waiting_since'),
            ),
          ),
        )
        .$if(after !== null, (q) => q.where('c.id', '>', after!))
        .orderBy('c.id')
        .limit(CANDIDATES_PER_RULE)
        .execute();
      return rows.map((r) => ({ id: r.id, key: `wait:${r.waiting_since?.toISOString()}` }));
    }
    if (trigger.type === 'scheduled') {
      const key = `slot:${Math.floor(now.getTime() / (trigger.everyMinutes * 60_000))}`;
      const rows = await db
        .selectFrom('conversations as c')
        .select('c.id')
        .where('c.account_id', '=', rule.accountId)
        .where('c.status', 'in', ['new', 'open', 'pending'])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('automation_firings as f')
                .select(sql`1`.as('one'))
                .where('f.rule_id', '=', rule.id)
                .whereRef('f.conversation_id', '=', 'c.id')
                .where('f.occasion', '=', key),
            ),
          ),
        )
        .$if(after !== null, (q) => q.where('c.id', '>', after!))
        .orderBy('c.id')
        .limit(CANDIDATES_PER_RULE)
        .execute();
      return rows.map((r) => ({ id: r.id, key }));
    }
    return [];
  }
}
