import { describe, expect, it } from 'vitest';
import { exponentialBackoffMs } from './backoff.ts';

describe('exponentialBackoffMs', () => {
  it('waits firstMs after the first failure, doubling after each further one, up to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((n) => exponentialBackoffMs(n, { firstMs: 1000, capMs: 10_000 }));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it('takes another factor, and treats "no failure yet" like the first', () => {
    expect(exponentialBackoffMs(0, { firstMs: 30_000, capMs: 3_600_000, factor: 4 })).toBe(30_000);
    expect(exponentialBackoffMs(3, { firstMs: 30_000, capMs: 3_600_000, factor: 4 })).toBe(480_000);
  });
});
