// Turns the conversation activity log into reporting events, as things happen: each event carries
// the dimensions of its conversation at that moment and, when it stops a clock, the clock's
// wall-clock and business-hours length. Reports read only these rows.
import type { Insertable, Kysely } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { AnalyticsEventsTable, DB } from '../db/index.ts';
import { setConversationStatus } from '../inbox/index.ts';
import { type Clocks, ClocksCache } from './calendar.ts';
import { parseCsatScore, sendCsatSurvey } from './csat.ts';
import { type AnalyticsSettings, loadAnalyticsSettings } from './settings.ts';
import { loadSummary, type Summary, saveSummary, workSeconds } from './summary.ts';
import { queueWebhookDeliveries } from './webhook-queue.ts';

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

export interface RecorderOptions {
  /**
   * Replaying the log for an audit: write reporting events only, never act (no surveys sent, no
   * status changes, no webhook deliveries); surveys already sent are found in the messages.
   */
  isReplay?: boolean;
  clock: () => Date;
}

type EventRow = Insertable<AnalyticsEventsTable>;

const CSAT_ANSWER_REASON = 'csat_answer';

/** Record a batch of activity rows, in order, inside the consumer's transaction. */
export async function recordActivity(
  trx: Kysely<DB>,
  rows: Activity[],
  options: RecorderOptions,
): Promise<void> {
  const clocksCache = new ClocksCache();
  const settingsCache = new Map<string, AnalyticsSettings>();
  const events: EventRow[] = [];
  for (const row of rows) {
    const clocks = await clocksCache.get(trx, row.accountId);
    let settings = settingsCache.get(row.accountId);
    if (!settings) {
      settings = await loadAnalyticsSettings(trx, row.accountId);
      settingsCache.set(row.accountId, settings);
    }
    const summary = await loadSummary(trx, row.accountId, row.conversationId, row.occurredAt);
    if (!summary) continue; // the conversation is gone
    const recorder = new RowRecorder(trx, row, summary, clocks, settings, options, events);
    await recorder.apply();
    summary.updated_at = row.occurredAt;
    await saveSummary(trx, summary);
  }
  if (events.length === 0) return;
  const inserted = await trx.insertInto('analytics_events').values(events).returningAll().execute();
  if (!options.isReplay) await queueWebhookDeliveries(trx, inserted, options.clock());
}

class RowRecorder {
  constructor(
    private readonly trx: Kysely<DB>,
    private readonly row: Activity,
    private readonly summary: Summary,
    private readonly clocks: Clocks,
    private readonly settings: AnalyticsSettings,
    private readonly options: RecorderOptions,
    private readonly events: EventRow[],
  ) {}

  async apply(): Promise<void> {
    const data = this.row.data;
    switch (this.row.kind) {
      case 'conversation.created':
        this.summary.is_case = data.isCase !== false;
        this.summary.started_at = this.row.occurredAt;
        this.summary.cycle_started_at = this.row.occurredAt;
        // Chatter (reposts, spam) starts resolved, outside the queue and the backlog.
        this.summary.is_open = this.summary.is_case;
        this.event('conversation_created', { started_at: this.row.occurredAt });
        return;
      case 'message.received':
        return this.#messageReceived();
      case 'conversation.reopened':
        return this.#reopened();
      case 'reply.sent':
        return this.#reply();
      case 'conversation.assigned':
        return this.#assigned();
      case 'conversation.status_changed':
        return this.#statusChanged();
      case 'conversation.priority_changed':
        if (typeof data.to === 'string') this.summary.priority = data.to;
        return;
      case 'sla.met':
      case 'sla.breached': {
        const dueAt = typeof data.dueAt === 'string' ? new Date(data.dueAt) : null;
        this.event('sla', {
          metric: typeof data.metric === 'string' ? data.metric : null,
          is_met: this.row.kind === 'sla.met',
          agent_id: this.summary.assignee_id,
          started_at: dueAt && !Number.isNaN(dueAt.getTime()) ? dueAt : null,
        });
        return;
      }
    }
  }

  event(kind: string, values: Partial<EventRow> = {}): void {
    const s = this.summary;
    this.events.push({
      account_id: this.row.accountId,
      conversation_id: this.row.conversationId,
      kind,
      occurred_at: this.row.occurredAt,
      is_business_hours: this.clocks.isBusinessHours(this.row.occurredAt),
      agent_id: null,
      team_id: s.team_id,
      channel_id: s.channel_id,
      provider: s.provider,
      is_public: s.is_public,
      is_case: s.is_case,
      priority: s.priority,
      intent: s.intent,
      cycle: s.cycle,
      activity_id: this.row.id,
      ...values,
    });
  }

  /** A clock from `start` to this row: its wall-clock and business seconds. */
  clock(start: Date): Pick<EventRow, 'started_at' | 'wall_s' | 'business_s'> {
    const { wall, business } = this.clocks.between(start, this.row.occurredAt);
    return { started_at: start, wall_s: wall, business_s: business };
  }

  async #messageReceived(): Promise<void> {
    const data = this.row.data;
    const s = this.summary;
    const isSurveyAnswer = this.row.messageId !== null && this.row.messageId === s.csat_message_id;
    if (!isSurveyAnswer && s.csat_sent_at && s.csat_score === null) await this.#maybeCsatAnswer();
    this.event('message_in');
    // A survey answer says nothing about the case itself: no sentiment, intent or waiting.
    if (s.csat_message_id === this.row.messageId) return;
    if (typeof data.isCase === 'boolean') s.is_case = data.isCase;
    if (typeof data.intent === 'string') s.intent = data.intent;
    if (typeof data.priority === 'string') s.priority = data.priority;
    if (typeof data.sentiment === 'string') {
      s.sentiment_start ??= data.sentiment;
      s.sentiment_end = data.sentiment;
    }
    // The customer now waits for an answer, from their earliest message since the last reply.
    if (s.is_open && s.awaiting_since === null) s.awaiting_since = this.row.occurredAt;
  }

  /** A customer message while a survey waits for its answer: is it the answer? */
  async #maybeCsatAnswer(): Promise<boolean> {
    const s = this.summary;
    if (!this.row.messageId || !s.csat_sent_at || s.csat_score !== null) return false;
    const windowMs = this.settings.csat.answerWindowDays * 86_400_000;
    if (this.row.occurredAt.getTime() - new Date(s.csat_sent_at).getTime() > windowMs) return false;
    const message = await this.trx
      .selectFrom('messages')
      .select(['text'])
      .where('id', '=', this.row.messageId)
      .executeTakeFirst();
    const score = message ? parseCsatScore(message.text) : null;
    if (score === null) return false;
    s.csat_score = score;
    s.csat_message_id = this.row.messageId;
    this.event('csat_answered', {
      score,
      agent_id: s.assignee_id,
      ...this.clock(new Date(s.csat_sent_at)),
    });
    return true;
  }

  async #reopened(): Promise<void> {
    const s = this.summary;
    if (s.csat_sent_at && s.csat_score === null && (await this.#maybeCsatAnswer())) {
      // The customer answered the survey: not a reopen. Put the conversation back as it was.
      if (!this.options.isReplay)
        await setConversationStatus(this.trx, {
          accountId: this.row.accountId,
          conversationId: this.row.conversationId,
          status: 'resolved',
          now: this.row.occurredAt,
          reason: CSAT_ANSWER_REASON,
        });
      return;
    }
    this.#startCycle();
  }

  #startCycle(): void {
    const s = this.summary;
    if (s.is_open) return;
    const resolvedAt = s.last_resolved_at ? new Date(s.last_resolved_at) : this.row.occurredAt;
    this.event('reopen', { ...this.clock(resolvedAt), agent_id: s.assignee_id, cycle: s.cycle + 1 });
    s.cycle += 1;
    s.cycle_started_at = this.row.occurredAt;
    s.is_open = true;
    s.reopen_count += 1;
    s.first_reopened_at ??= this.row.occurredAt;
    s.cycle_agent_replies = 0;
    s.awaiting_since = null;
  }

  async #reply(): Promise<void> {
    const s = this.summary;
    const agentId = this.row.actorUserId;
    s.agent_reply_count += 1;
    s.cycle_agent_replies += 1;
    if (s.first_response_at === null) {
      const measured = this.clock(new Date(s.started_at));
      s.first_response_at = this.row.occurredAt;
      s.first_response_s = measured.wall_s ?? null;
      s.first_response_bh_s = measured.business_s ?? null;
      this.event('first_response', { ...measured, agent_id: agentId });
    } else if (s.awaiting_since !== null) {
      this.event('next_response', { ...this.clock(new Date(s.awaiting_since)), agent_id: agentId });
    }
    s.awaiting_since = null;
    this.event('reply', { agent_id: agentId });
  }

  async #assigned(): Promise<void> {
    const data = this.row.data;
    const s = this.summary;
    const to = typeof data.to === 'string' ? data.to : null;
    s.assignee_id = to;
    if ('teamTo' in data) s.team_id = typeof data.teamTo === 'string' ? data.teamTo : null;
    if (!to) return;
    if (s.first_assigned_at === null) {
      const measured = this.clock(new Date(s.started_at));
      s.first_assigned_at = this.row.occurredAt;
      s.assignment_s = measured.wall_s ?? null;
      s.assignment_bh_s = measured.business_s ?? null;
      this.event('assignment', { ...measured, agent_id: to });
    } else this.event('assignment', { agent_id: to });
  }

  async #statusChanged(): Promise<void> {
    const data = this.row.data;
    const s = this.summary;
    const to = String(data.to);
    const isDone = to === 'resolved' || to === 'closed';
    if (data.reason === CSAT_ANSWER_REASON) return;
    if (isDone && s.is_open) return this.#resolved(to);
    if (!isDone && data.from === 'resolved') this.#startCycle();
  }

  async #resolved(to: string): Promise<void> {
    const s = this.summary;
    const cycleStart = new Date(s.cycle_started_at);
    const measured = this.clock(cycleStart);
    const handle = await workSeconds(this.trx, s.conversation_id, cycleStart, this.row.occurredAt);
    this.event('resolution', {
      ...measured,
      agent_id: s.assignee_id ?? this.row.actorUserId,
      agent_replies: s.cycle_agent_replies,
      handle_s: handle,
    });
    if (s.first_resolved_at === null) {
      s.first_resolved_at = this.row.occurredAt;
      s.resolution_s = measured.wall_s ?? null;
      s.resolution_bh_s = measured.business_s ?? null;
      s.first_resolution_agent_replies = s.cycle_agent_replies;
    }
    s.last_resolved_at = this.row.occurredAt;
    s.resolution_count += 1;
    s.is_open = false;
    s.awaiting_since = null;
    s.handle_s += handle;
    if (to === 'resolved') await this.#maybeSurvey();
  }

  async #maybeSurvey(): Promise<void> {
    const s = this.summary;
    if (s.is_public || s.csat_sent_at !== null || s.cycle_agent_replies === 0) return;
    if (this.options.isReplay) {
      // An audit finds the survey that was sent, if any, instead of sending one.
      const sent = await this.trx
        .selectFrom('messages')
        .select(['sent_at'])
        .where('conversation_id', '=', s.conversation_id)
        .where('author_type', '=', 'system')
        .where('sent_at', '>=', this.row.occurredAt)
        .where((eb) => eb(eb.ref('metadata', '->>').key('kind'), '=', 'csat_survey'))
        .orderBy('sent_at')
        .limit(1)
        .executeTakeFirst();
      if (!sent) return;
      s.csat_sent_at = sent.sent_at;
    } else {
      if (!this.settings.csat.isEnabled || !s.is_case) return;
      await sendCsatSurvey(this.trx, {
        accountId: this.row.accountId,
        conversationId: s.conversation_id,
        question: this.settings.csat.question,
        now: this.row.occurredAt,
      });
      s.csat_sent_at = this.row.occurredAt;
    }
    this.event('csat_sent', { agent_id: s.assignee_id });
  }
}
