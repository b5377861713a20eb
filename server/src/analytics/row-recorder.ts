// What one activity row means for analytics: the reporting events it writes and how it changes
// the conversation's summary row. Everything it reads or writes goes through the batch (one read
// of settings, calendars and summaries per batch, one write at the end: batch-store.ts).
import type { Insertable, Kysely } from 'kysely';
import type { Activity } from '../activity/index.ts';
import type { AnalyticsEventsTable, DB } from '../db/index.ts';
import { setConversationStatus } from '../inbox/index.ts';
import type { Clocks } from './calendar.ts';
import { parseCsatScore, sendCsatSurvey } from './csat.ts';
import type { AnalyticsSettings } from './settings.ts';
import type { Summary } from './summary.ts';

export interface RecorderOptions {
  /**
   * Replaying the log for an audit: write reporting events only, never act (no surveys sent, no
   * status changes, no webhook deliveries); surveys already sent are found in the messages.
   */
  isReplay?: boolean;
  clock: () => Date;
}

export type EventRow = Insertable<AnalyticsEventsTable>;

/** A resolution's handle time, measured for the whole batch at once after its rows are applied. */
export interface HandleTimeRequest {
  event: EventRow;
  summary: Summary;
  from: Date;
  to: Date;
}

/** What a batch collects while its rows are applied in order. */
export interface BatchOutput {
  events: EventRow[];
  handleTimes: HandleTimeRequest[];
}

const CSAT_ANSWER_REASON = 'csat_answer';

export class RowRecorder {
  constructor(
    private readonly trx: Kysely<DB>,
    private readonly row: Activity,
    private readonly summary: Summary,
    private readonly clocks: Clocks,
    private readonly settings: AnalyticsSettings,
    private readonly options: RecorderOptions,
    private readonly batch: BatchOutput,
  ) {}

  async apply(): Promise<void> {
    const data = this.row.data;
    switch (this.row.kind) {
      case 'conversation.created': {
        this.summary.is_case = data.isCase !== false;
        this.summary.started_at = this.row.occurredAt;
        this.summary.cycle_started_at = this.row.occurredAt;
        // Chatter (reposts, spam) starts resolved, outside the queue and the backlog.
        this.summary.is_open = this.summary.is_case;
        const created = this.event('conversation_created', { started_at: this.row.occurredAt });
        // Reports filtered by business hours count started conversations by this flag.
        if (this.summary.cycle === 1) this.summary.started_in_business_hours = created.is_business_hours;
        return;
      }
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

  event(kind: string, values: Partial<EventRow> = {}): EventRow {
    const s = this.summary;
    const event: EventRow = {
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
    };
    this.batch.events.push(event);
    return event;
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
    const event = this.event('resolution', {
      ...measured,
      agent_id: s.assignee_id ?? this.row.actorUserId,
      agent_replies: s.cycle_agent_replies,
    });
    // The agents' time inside the cycle: measured for the whole batch in one query, added in order.
    this.batch.handleTimes.push({ event, summary: s, from: cycleStart, to: this.row.occurredAt });
    if (s.first_resolved_at === null) {
      // Reports filtered by business hours count first resolutions of the first cycle by this flag.
      if (s.cycle === 1) s.first_resolved_in_business_hours = event.is_business_hours;
      s.first_resolved_at = this.row.occurredAt;
      s.resolution_s = measured.wall_s ?? null;
      s.resolution_bh_s = measured.business_s ?? null;
      s.first_resolution_agent_replies = s.cycle_agent_replies;
    }
    s.last_resolved_at = this.row.occurredAt;
    s.resolution_count += 1;
    s.is_open = false;
    s.awaiting_since = null;
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
