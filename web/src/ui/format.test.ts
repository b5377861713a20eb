import { describe, expect, it } from 'vitest';
import { formatCount, formatWait, providerLabel } from './format.ts';

describe('format', () => {
  const now = Date.parse('2026-11-24T12:00:00.000Z');
  it('shows waiting time in the largest useful unit', () => {
    expect(formatWait(null, now)).toBe('—');
    expect(formatWait('2026-11-24T11:59:30.000Z', now)).toBe('30s');
    expect(formatWait('2026-11-24T11:15:00.000Z', now)).toBe('45m');
    expect(formatWait('2026-11-24T09:30:00.000Z', now)).toBe('2h 30m');
    expect(formatWait('2026-11-20T12:00:00.000Z', now)).toBe('4d');
  });
  it('abbreviates follower counts', () => {
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1500)).toBe('1.5k');
    expect(formatCount(25_000)).toBe('25k');
    expect(formatCount(2_300_000)).toBe('2.3M');
  });
  it('names providers', () => {
    expect(providerLabel('x')).toBe('X');
    expect(providerLabel('carrier-pigeon')).toBe('carrier-pigeon');
  });
});
