import { describe, expect, it } from 'vitest';
import {
  defaultFilters,
  effectiveGrain,
  formatDuration,
  formatPercent,
  rangeOf,
  sortRows,
  toQuery,
} from './filters.ts';

describe('analytics filters', () => {
  const now = new Date('2026-03-10T14:25:00');

  it('the last N days end at the top of the next hour', () => {
    const { from, to } = rangeOf({ ...defaultFilters, preset: '7' }, now);
    expect(to).toEqual(new Date('2026-03-10T15:00:00'));
    expect(to.getTime() - from.getTime()).toBe(7 * 86_400_000);
  });

  it('a custom range includes its last day', () => {
    const { from, to } = rangeOf(
      { ...defaultFilters, preset: 'custom', from: '2026-03-01', to: '2026-03-02' },
      now,
    );
    expect(from).toEqual(new Date('2026-03-01T00:00:00'));
    expect(to).toEqual(new Date('2026-03-03T00:00:00'));
  });

  it('coarsens the grain for long ranges and sends only the filters set', () => {
    const filters = { ...defaultFilters, preset: '90' as const, grain: '15m' as const, channelId: 'c1' };
    expect(effectiveGrain(filters, rangeOf(filters, now))).toBe('day');
    const query = new URLSearchParams(toQuery(filters, now));
    expect(query.get('grain')).toBe('day');
    expect(query.get('channelId')).toBe('c1');
    expect(query.has('agentId')).toBe(false);
  });

  it('formats durations and shares', () => {
    expect([formatDuration(45), formatDuration(720), formatDuration(12_600), formatDuration(null)]).toEqual([
      '45 s',
      '12 min',
      '3.5 h',
      '–',
    ]);
    expect([formatPercent(0.25), formatPercent(1), formatPercent(null)]).toEqual(['25.0%', '100%', '–']);
  });

  it('sorts with missing values last either way', () => {
    const rows = [{ v: 2 }, { v: null }, { v: 5 }];
    expect(sortRows(rows, (r) => r.v, false).map((r) => r.v)).toEqual([2, 5, null]);
    expect(sortRows(rows, (r) => r.v, true).map((r) => r.v)).toEqual([5, 2, null]);
  });
});
