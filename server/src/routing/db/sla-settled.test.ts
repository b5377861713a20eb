import { describe, expect, it } from 'vitest';
import { isSettled } from './sla.ts';

const clock = (over: Record<string, unknown> = {}) => ({
  id: 'first_response:1',
  state: 'running',
  dueAt: 1_000,
  isAtRisk: false,
  elapsedBusinessMs: 10,
  remainingBusinessMs: 990,
  pausedIntervals: [{ start: 5, end: 6, reason: 'pending' }],
  ...over,
});
const state = (over: Record<string, unknown> = {}, clocks = [clock()]) => ({
  computedAt: 100,
  nextDueAt: 1_000,
  attainment: [],
  clocks,
  ...over,
});

describe('isSettled (is a stored SLA state unchanged but for the time that passed?)', () => {
  it('ignores when it was computed and the elapsed and remaining time, and the order of keys', () => {
    const stored = JSON.parse(JSON.stringify(state({ computedAt: 50 }, [clock({ elapsedBusinessMs: 1 })])));
    const reordered = Object.fromEntries(Object.entries(state()).reverse());
    expect(isSettled(stored, reordered)).toBe(true);
  });

  it('sees every other change: a deadline, a clock state, the at-risk flag, a pause, a new clock', () => {
    expect(isSettled(state(), state({ nextDueAt: 2_000 }))).toBe(false);
    expect(isSettled(state(), state({}, [clock({ state: 'met' })]))).toBe(false);
    expect(isSettled(state(), state({}, [clock({ isAtRisk: true })]))).toBe(false);
    expect(isSettled(state(), state({}, [clock({ pausedIntervals: [] })]))).toBe(false);
    expect(isSettled(state(), state({}, [clock(), clock({ id: 'resolution:1' })]))).toBe(false);
    expect(isSettled(state(), null)).toBe(false);
    expect(isSettled(null, state())).toBe(false);
  });

  it('treats a key left undefined like the same key absent from the stored JSON', () => {
    expect(isSettled(state(), state({ ruleName: undefined }))).toBe(true);
    expect(isSettled(state(), state({ ruleName: 'VIP' }))).toBe(false);
  });
});
