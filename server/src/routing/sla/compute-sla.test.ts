import { describe, expect, it } from 'vitest';
import type { Priority } from '../priority.ts';
import { alwaysOpenCalendar, type BusinessCalendar } from './calendar.ts';
import { computeSla, type SlaClock, type SlaState } from './compute-sla.ts';
import { DEFAULT_SLA_POLICY, type SlaSubject } from './policy.ts';
import type { SlaEvent } from './timeline.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (hhmm: string, day = '2026-11-23') => Date.parse(`${day}T${hhmm}:00Z`);
const open247 = alwaysOpenCalendar();
const xComment: SlaSubject = { channel: 'x', visibility: 'public', priority: 'normal' };
const messenger: SlaSubject = { channel: 'messenger', visibility: 'private', priority: 'normal' };

function sla(
  subject: SlaSubject,
  events: SlaEvent[],
  now: number,
  calendar: BusinessCalendar = open247,
): SlaState {
  return computeSla({ policy: DEFAULT_SLA_POLICY, calendar, subject, events, now });
}

function clock(state: SlaState, id: string): SlaClock {
  const found = state.clocks.find((c) => c.id === id);
  if (!found) throw new Error(`no clock ${id} in ${state.clocks.map((c) => c.id).join(', ')}`);
  return found;
}

const customer = (time: string): SlaEvent => ({ kind: 'customer_message', at: at(time) });
const agent = (time: string): SlaEvent => ({ kind: 'agent_reply', at: at(time) });
const status = (time: string, to: 'open' | 'pending' | 'snoozed' | 'resolved'): SlaEvent => ({
  kind: 'status',
  at: at(time),
  status: to,
});

describe('first response', () => {
  it('is met by an agent reply within 60 minutes on an X comment', () => {
    const state = sla(xComment, [customer('10:00'), agent('10:40')], at('12:00'));
    const first = clock(state, 'first_response');
    expect(first).toMatchObject({
      state: 'met',
      targetMs: HOUR,
      elapsedBusinessMs: 40 * MIN,
      dueAt: at('11:00'),
    });
    expect(state.attainment).toContainEqual(
      expect.objectContaining({
        clockId: 'first_response',
        outcome: 'met',
        businessMs: 40 * MIN,
        wallClockMs: 40 * MIN,
      }),
    );
    expect(state.firstResponseDueAt).toBeNull();
  });

  it('is at risk from 75% of the target and breached after the due-at', () => {
    const events = [customer('10:00')];
    expect(clock(sla(xComment, events, at('10:44')), 'first_response').isAtRisk).toBe(false);
    const risky = sla(xComment, events, at('10:45'));
    expect(clock(risky, 'first_response')).toMatchObject({
      isAtRisk: true,
      state: 'running',
      remainingBusinessMs: 15 * MIN,
    });
    expect(risky.firstResponseDueAt).toBe(at('11:00'));
    expect(clock(sla(xComment, events, at('11:00')), 'first_response').state).toBe('running');
    const late = sla(xComment, events, at('11:01'));
    expect(clock(late, 'first_response')).toMatchObject({ state: 'breached', isAtRisk: false });
    expect(late.attainment).toContainEqual(expect.objectContaining({ outcome: 'breached', stoppedAt: null }));
  });

  it('halves the target for urgent conversations and follows priority changes', () => {
    expect(
      clock(sla({ ...xComment, priority: 'urgent' }, [customer('10:00')], at('10:05')), 'first_response')
        .dueAt,
    ).toBe(at('10:30'));
    const escalated = sla(
      messenger,
      [customer('10:00'), { kind: 'priority', at: at('10:10'), priority: 'urgent' }],
      at('10:20'),
    );
    expect(clock(escalated, 'first_response').dueAt).toBe(at('11:00'));
  });

  it('counts only business hours', () => {
    const weekdays: BusinessCalendar = {
      id: 'office',
      timeZone: 'Europe/London',
      periods: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      holidays: [],
      specialDays: [],
    };
    const email: SlaSubject = { channel: 'email', visibility: 'private', priority: 'normal' };
    // Friday 16:00 GMT + 24 business hours: 1 h Friday, 8 h Mon, 8 h Tue, 7 h Wed → Wed 16:00.
    const events = [{ kind: 'customer_message' as const, at: at('16:00', '2026-11-27') }];
    const saturday = sla(email, events, at('12:00', '2026-11-28'), weekdays);
    expect(clock(saturday, 'first_response')).toMatchObject({
      dueAt: at('16:00', '2026-12-02'),
      state: 'paused',
      pauseReason: 'outside_business_hours',
      elapsedBusinessMs: HOUR,
    });
    expect(saturday.nextCheckAt).toBe(at('10:00', '2026-12-02'));
  });
});

it('keeps business-time deadlines right across a daylight-saving change', () => {
  const newYork: BusinessCalendar = {
    id: 'ny',
    timeZone: 'America/New_York',
    periods: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    holidays: [],
    specialDays: [],
  };
  // Saturday 2026-03-07 16:00 EST + 2 h: 1 h on Saturday, 1 h from 09:00 EDT on Sunday (13:00 UTC).
  const events: SlaEvent[] = [{ kind: 'customer_message', at: Date.parse('2026-03-07T21:00:00Z') }];
  const state = sla(messenger, events, Date.parse('2026-03-08T05:00:00Z'), newYork);
  expect(clock(state, 'first_response')).toMatchObject({
    dueAt: Date.parse('2026-03-08T14:00:00Z'),
    atRiskAt: Date.parse('2026-03-08T13:30:00Z'),
    pauseReason: 'outside_business_hours',
  });
});

describe('pauses', () => {
  it('stops counting while snoozed or pending and resumes on open', () => {
    const events = [customer('09:00'), status('09:30', 'snoozed'), status('10:30', 'open')];
    const paused = sla(messenger, events.slice(0, 2), at('10:00'));
    expect(clock(paused, 'first_response')).toMatchObject({
      state: 'paused',
      pauseReason: 'snoozed',
      dueAt: null,
      remainingBusinessMs: 90 * MIN,
    });
    expect(paused.nextCheckAt).toBeNull();
    const resumed = sla(messenger, events, at('11:00'));
    expect(clock(resumed, 'first_response')).toMatchObject({
      state: 'running',
      elapsedBusinessMs: HOUR,
      dueAt: at('12:00'),
      pausedIntervals: [{ start: at('09:30'), end: at('10:30'), reason: 'snoozed' }],
    });
  });

  it('a customer message ends a pending pause', () => {
    const events = [customer('09:00'), agent('09:10'), status('09:15', 'pending'), customer('12:00')];
    const state = sla(messenger, events, at('12:30'));
    // Resolution (24 h) was paused 09:15–12:00.
    expect(clock(state, 'resolution')).toMatchObject({ elapsedBusinessMs: 45 * MIN, state: 'running' });
    expect(clock(state, `next_response:${at('12:00')}`)).toMatchObject({
      state: 'running',
      dueAt: at('14:00'),
    });
  });

  it('resolution stops on resolve and continues after a reopen', () => {
    const events = [customer('09:00'), agent('09:10'), status('10:00', 'resolved'), status('11:00', 'open')];
    const resolved = sla(messenger, events.slice(0, 3), at('10:30'));
    expect(clock(resolved, 'resolution')).toMatchObject({
      state: 'met',
      elapsedBusinessMs: HOUR,
      stoppedBy: 'resolved',
    });
    const reopened = sla(messenger, events, at('12:00'));
    expect(clock(reopened, 'resolution')).toMatchObject({ state: 'running', elapsedBusinessMs: 2 * HOUR });
    // 1 h spent before the resolve, 23 h left from the reopen at 11:00.
    expect(reopened.resolutionDueAt).toBe(at('10:00', '2026-11-24'));
  });

  it('a reopen event is the same as a status change to open', () => {
    const viaStatus = sla(
      messenger,
      [customer('09:00'), status('10:00', 'resolved'), status('11:00', 'open')],
      at('12:00'),
    );
    const viaReopen = sla(
      messenger,
      [customer('09:00'), status('10:00', 'resolved'), { kind: 'reopen', at: at('11:00') }],
      at('12:00'),
    );
    expect(viaReopen).toEqual(viaStatus);
  });

  it('resolving without a reply stops the response clock', () => {
    const state = sla(xComment, [customer('09:00'), status('09:05', 'resolved')], at('12:00'));
    expect(clock(state, 'first_response')).toMatchObject({ state: 'met', stoppedBy: 'resolved' });
  });
});

describe('next response', () => {
  it('starts a clock at the first customer message after each agent reply', () => {
    const events = [
      customer('09:00'),
      agent('09:10'),
      customer('09:20'),
      customer('09:25'),
      agent('09:50'),
      customer('10:00'),
    ];
    const state = sla(messenger, events, at('10:30'));
    expect(state.clocks.map((c) => c.id)).toEqual([
      'first_response',
      'resolution',
      `next_response:${at('09:20')}`,
      `next_response:${at('10:00')}`,
    ]);
    expect(clock(state, `next_response:${at('09:20')}`)).toMatchObject({
      state: 'met',
      elapsedBusinessMs: 30 * MIN,
    });
    expect(state.nextResponseDueAt).toBe(at('12:00'));
    expect(state.nextDueAt).toBe(at('12:00'));
  });

  it('ignores events after now and tolerates unsorted input', () => {
    const state = sla(messenger, [agent('09:10'), customer('09:00'), customer('11:00')], at('10:00'));
    expect(state.clocks.map((c) => c.id)).toEqual(['first_response', 'resolution']);
  });

  it('measures nothing when a rule sets no target', () => {
    const policy = {
      ...DEFAULT_SLA_POLICY,
      rules: [
        {
          name: 'only first',
          match: {},
          targets: { firstResponseMs: HOUR, nextResponseMs: null, resolutionMs: null },
        },
      ],
    };
    const state = computeSla({
      policy,
      calendar: open247,
      subject: messenger,
      events: [customer('09:00'), agent('09:10'), customer('09:20')],
      now: at('10:00'),
    });
    expect(state.clocks.map((c) => c.id)).toEqual(['first_response']);
  });
});

it.each<[Priority, number]>([
  ['urgent', 30 * MIN],
  ['high', 45 * MIN],
  ['low', HOUR],
])('scales the X target for %s priority', (priority, target) => {
  const state = sla({ ...xComment, priority }, [customer('09:00')], at('09:01'));
  expect(clock(state, 'first_response').targetMs).toBe(target);
});
