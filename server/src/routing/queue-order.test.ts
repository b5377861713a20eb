import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from './priority.ts';
import { type QueueItem, queueComparator, sortQueue } from './queue-order.ts';

const item = (
  id: string,
  priority: Priority,
  waitingSince: number,
  slaDueAt: number | null = null,
): QueueItem => ({
  id,
  priority,
  waitingSince,
  slaDueAt,
});

describe('queue order', () => {
  const queue = [
    item('a', 'normal', 100, 5_000),
    item('b', 'urgent', 300, 9_000),
    item('c', 'normal', 50, null),
    item('d', 'low', 10, 1_000),
    item('e', 'high', 200, 9_000),
    item('f', 'urgent', 300, 9_000),
  ];

  it('serves priority first, then the longest waiting, then by id', () => {
    expect(sortQueue(queue).map((q) => q.id)).toEqual(['b', 'f', 'e', 'c', 'a', 'd']);
  });

  it('can serve the earliest SLA due-at first, conversations without a clock last', () => {
    expect(sortQueue(queue, 'sla_due_first').map((q) => q.id)).toEqual(['d', 'a', 'b', 'f', 'e', 'c']);
  });

  it('is a total order: the result does not depend on input order', () => {
    const itemArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      priority: fc.constantFrom<Priority>('urgent', 'high', 'normal', 'low'),
      waitingSince: fc.integer({ min: 0, max: 5 }),
      slaDueAt: fc.option(fc.integer({ min: 0, max: 5 })),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 30 }),
        fc.constantFrom('priority_then_waiting', 'sla_due_first' as const),
        (items, mode) => {
          const sorted = sortQueue(items, mode);
          expect(sortQueue([...items].reverse(), mode)).toEqual(sorted);
          const compare = queueComparator(mode);
          for (let i = 1; i < sorted.length; i++) expect(compare(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
        },
      ),
    );
  });
});
