import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database, DB } from '../../db/index.ts';
import { appendRealtimeEvents, type RealtimeEvent } from '../../realtime/index.ts';
import { AlertDetector } from '../alerts/alert-detector.ts';
import type { AlertDetectorConfig, AlertEvent } from '../alerts/alert-types.ts';
import { enqueueAlertDeliveries } from './alert-deliveries.ts';
import { type AlertDto, toAlertDto } from './alert-dto.ts';

const MINUTE_MS = 60_000;
const HISTORY_MS = 35 * 86_400_000;
const PAGE = 5000;

interface AccountState {
  detector: AlertDetector;
  monitors: Map<string, string>;
  cursor: number;
  /** Last minute evaluated (epoch minutes); detection runs in the posts' own time. */
  tickMinute: number;
}

export interface ListeningAlertOptions {
  db: Database;
  clock: Clock;
  config?: Partial<AlertDetectorConfig>;
  /** Alerts older than this when detected (a replay after restart) are stored, not sent. */
  deliverWithinMs?: number;
  onPublished?: () => void;
}

/**
 * Runs the alert detector on stored mentions. Each account's detector follows the observation log
 * by id and ticks minute by minute in the posts' own time, so a backfill or a restart (which
 * replays the last five weeks) gives the same alerts as live operation; alert rows are keyed by
 * (monitor, kind, opened at), so a replay stores nothing twice and only fresh changes are sent.
 */
export class ListeningAlertWorker {
  readonly #accounts = new Map<string, AccountState>();

  constructor(private readonly options: ListeningAlertOptions) {}

  async step(): Promise<number> {
    const db = this.options.db.kysely;
    const accounts = await db
      .selectFrom('listening_monitors')
      .select('account_id')
      .distinct()
      .where('is_active', '=', true)
      .execute();
    let done = 0;
    for (const { account_id } of accounts) done += await this.#stepAccount(account_id);
    return done;
  }

  async #stepAccount(accountId: string): Promise<number> {
    const db = this.options.db.kysely;
    const now = this.options.clock().getTime();
    const state = await this.#state(db, accountId, now);
    const page = await db
      .selectFrom('listening_observations as o')
      .innerJoin('listening_mentions as m', 'm.id', 'o.mention_id')
      .select([
        'o.id',
        'o.mention_id',
        'o.is_first',
        'o.observed_at',
        'o.engagement',
        'm.posted_at',
        'm.sentiment',
      ])
      .where('o.account_id', '=', accountId)
      .where('o.id', '>', state.cursor)
      .orderBy('o.id')
      .limit(PAGE)
      .execute();
    const links = page.length
      ? await db
          .selectFrom('listening_mention_monitors')
          .select(['mention_id', 'monitor_id'])
          .where('mention_id', 'in', [...new Set(page.map((o) => o.mention_id))])
          .execute()
      : [];
    const monitorsOf = new Map<string, string[]>();
    for (const l of links)
      monitorsOf.set(l.mention_id, [...(monitorsOf.get(l.mention_id) ?? []), l.monitor_id]);
    const events: AlertEvent[] = [];
    for (const o of page) {
      const at = o.observed_at.getTime();
      this.#tickUntil(state, Math.floor(at / MINUTE_MS), events);
      const monitorIds = monitorsOf.get(o.mention_id) ?? [];
      if (o.is_first) {
        state.detector.observeMention({
          monitorIds,
          at: o.posted_at.getTime(),
          isNegative: o.sentiment === 'negative',
        });
      }
      events.push(
        ...state.detector.observeEngagement({
          postId: o.mention_id,
          postedAt: o.posted_at.getTime(),
          monitorIds,
          at,
          engagement: o.engagement,
        }),
      );
      state.cursor = Number(o.id);
    }
    if (page.length < PAGE) {
      // Event time moves to now only when the ingest has caught up: a backlog is not silence.
      const backlog = await db
        .selectFrom('listening_deliveries')
        .select('id')
        .where('account_id', '=', accountId)
        .where('status', '=', 'pending')
        .limit(1)
        .executeTakeFirst();
      if (!backlog) this.#tickUntil(state, Math.floor(now / MINUTE_MS), events);
    }
    if (events.length > 0) await this.#store(accountId, state, events, now);
    return page.length === PAGE ? page.length : 0;
  }

  #tickUntil(state: AccountState, minute: number, events: AlertEvent[]): void {
    if (state.tickMinute === 0) {
      state.tickMinute = minute;
      return;
    }
    while (state.tickMinute < minute) {
      state.tickMinute += 1;
      events.push(...state.detector.tick(state.tickMinute * MINUTE_MS));
    }
  }

  async #state(db: Kysely<DB>, accountId: string, now: number): Promise<AccountState> {
    let state = this.#accounts.get(accountId);
    if (!state) {
      const first = await db
        .selectFrom('listening_observations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('observed_at', '>=', new Date(now - HISTORY_MS))
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      state = {
        detector: new AlertDetector(this.options.config),
        monitors: new Map(),
        cursor: first ? Number(first.id) - 1 : 0,
        tickMinute: 0,
      };
      this.#accounts.set(accountId, state);
    }
    const monitors = await db
      .selectFrom('listening_monitors')
      .select(['id', 'name', 'created_at'])
      .where('account_id', '=', accountId)
      .where('is_active', '=', true)
      .execute();
    const added = monitors.filter((m) => !state.monitors.has(m.id));
    if (added.length > 0) {
      // A monitor's history starts at its earliest stored mention (a search backfill counts).
      const earliest = await db
        .selectFrom('listening_mention_monitors')
        .select(['monitor_id', (eb) => eb.fn.min('posted_at').as('first_at')])
        .where('account_id', '=', accountId)
        .where(
          'monitor_id',
          'in',
          added.map((m) => m.id),
        )
        .groupBy('monitor_id')
        .execute();
      const firstAt = new Map(
        earliest.map((e) => [e.monitor_id, new Date(e.first_at as Date | string).getTime()]),
      );
      for (const m of added) {
        const startedAt = Math.min(m.created_at.getTime(), firstAt.get(m.id) ?? Number.POSITIVE_INFINITY);
        state.detector.addMonitor({ id: m.id, name: m.name, startedAt });
      }
    }
    for (const m of monitors) state.monitors.set(m.id, m.name);
    return state;
  }

  async #store(accountId: string, state: AccountState, events: AlertEvent[], now: number): Promise<void> {
    const deliverAfter = now - (this.options.deliverWithinMs ?? 30 * MINUTE_MS);
    let hasRealtime = false;
    await this.options.db.kysely.transaction().execute(async (trx) => {
      const realtime: RealtimeEvent[] = [];
      const live = new Set(
        (
          await trx
            .selectFrom('listening_monitors')
            .select('id')
            .where('account_id', '=', accountId)
            .execute()
        ).map((m) => m.id),
      );
      for (const event of events) {
        const a = event.alert;
        if (!live.has(a.monitorId)) continue;
        const key = { opened: new Date(a.openedAt), kind: a.kind };
        const values = {
          status: a.status,
          updated_at: new Date(a.updatedAt),
          resolved_at: a.resolvedAt ? new Date(a.resolvedAt) : null,
          message: a.message,
          detail: JSON.stringify(a),
        };
        let row = await trx
          .insertInto('listening_alerts')
          .values({
            account_id: accountId,
            monitor_id: a.monitorId,
            kind: a.kind,
            opened_at: key.opened,
            ...values,
          })
          .onConflict((oc) =>
            oc
              .columns(['account_id', 'monitor_id', 'kind', 'opened_at'])
              .doUpdateSet(values)
              .where('listening_alerts.updated_at', '<', values.updated_at),
          )
          .returningAll()
          .executeTakeFirst();
        if (!row && event.type === 'resolved') {
          row = await trx
            .updateTable('listening_alerts')
            .set(values)
            .where('account_id', '=', accountId)
            .where('monitor_id', '=', a.monitorId)
            .where('kind', '=', a.kind)
            .where('opened_at', '=', key.opened)
            .where('status', '=', 'open')
            .returningAll()
            .executeTakeFirst();
        }
        // No row: this change was stored before (a replay after restart); nothing to tell anyone.
        if (!row) continue;
        const changedAt = event.type === 'resolved' ? (a.resolvedAt ?? a.updatedAt) : a.updatedAt;
        if (changedAt < deliverAfter) continue;
        const dto: AlertDto = toAlertDto(row, state.monitors.get(a.monitorId) ?? a.monitorId);
        realtime.push({ accountId, type: 'listening.alert', payload: { event: event.type, alert: dto } });
        await enqueueAlertDeliveries(trx, { accountId, event: event.type, alert: dto, now: new Date(now) });
      }
      await appendRealtimeEvents(trx, realtime);
      hasRealtime = realtime.length > 0;
    });
    if (hasRealtime) this.options.onPublished?.();
  }
}
