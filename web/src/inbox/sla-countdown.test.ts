import { describe, expect, it } from 'vitest';
import { formatRemaining, isSlaAtRisk, slaCountdown, withSlaAlert } from './sla-countdown.ts';
import { testConversation, testSla } from './test-conversation.ts';

const now = Date.parse('2026-11-24T12:00:00.000Z');
const inMinutes = (m: number) => new Date(now + m * 60_000).toISOString();

describe('slaCountdown', () => {
  it('counts down to the next due deadline while on time', () => {
    const c = testConversation({ sla: testSla({ nextDueAt: inMinutes(42) }) });
    expect(slaCountdown(c, now)).toEqual({
      state: 'ok',
      dueAt: inMinutes(42),
      remainingMs: 42 * 60_000,
      label: '42m',
    });
  });

  it('turns amber when the server says at risk, red when breached', () => {
    expect(
      slaCountdown(testConversation({ sla: testSla({ nextDueAt: inMinutes(10), isAtRisk: true }) }), now)
        .state,
    ).toBe('at_risk');
    expect(
      slaCountdown(testConversation({ sla: testSla({ nextDueAt: inMinutes(-5), isBreached: true }) }), now),
    ).toMatchObject({ state: 'breached', label: '−5m' });
  });

  it('shows a passed deadline as breached before the server sweep has flagged it', () => {
    const c = testConversation({ sla: testSla({ nextDueAt: inMinutes(1) }) });
    expect(slaCountdown(c, now).state).toBe('ok');
    expect(slaCountdown(c, now + 61_000)).toMatchObject({ state: 'breached', label: '−1s' });
  });

  it('shows paused clocks (pending, snoozed) without a deadline', () => {
    const c = testConversation({ status: 'pending', sla: testSla({ isPaused: true }) });
    expect(slaCountdown(c, now)).toMatchObject({ state: 'paused', label: 'paused', dueAt: null });
  });

  it('shows nothing for resolved conversations or without SLA data', () => {
    expect(
      slaCountdown(testConversation({ status: 'resolved', sla: testSla({ nextDueAt: inMinutes(-60) }) }), now)
        .state,
    ).toBe('none');
    expect(slaCountdown(testConversation(), now).state).toBe('none');
  });

  it('is at risk for the SLA view when amber or red, not when on time', () => {
    expect(isSlaAtRisk(testConversation({ sla: testSla({ nextDueAt: inMinutes(30) }) }), now)).toBe(false);
    expect(
      isSlaAtRisk(testConversation({ sla: testSla({ nextDueAt: inMinutes(30), isAtRisk: true }) }), now),
    ).toBe(true);
    expect(isSlaAtRisk(testConversation({ sla: testSla({ nextDueAt: inMinutes(-1) }) }), now)).toBe(true);
  });

  it('applies stream alerts to the flags', () => {
    const c = testConversation({ sla: testSla({ nextDueAt: inMinutes(5) }) });
    expect(slaCountdown(withSlaAlert(c, 'at_risk'), now).state).toBe('at_risk');
    expect(slaCountdown(withSlaAlert(c, 'breached'), now).state).toBe('breached');
    expect(withSlaAlert(testConversation(), 'at_risk').sla?.isAtRisk).toBe(true);
  });
});

describe('formatRemaining', () => {
  it('writes seconds, minutes, hours and days', () => {
    expect(formatRemaining(45_000)).toBe('45s');
    expect(formatRemaining(12 * 60_000 + 59_000)).toBe('12m');
    expect(formatRemaining(3 * 3_600_000 + 5 * 60_000)).toBe('3h 05m');
    expect(formatRemaining(3 * 86_400_000)).toBe('3d');
    expect(formatRemaining(-90_000)).toBe('−1m');
  });
});
