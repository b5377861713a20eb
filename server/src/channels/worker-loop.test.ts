import { describe, expect, it } from 'vitest';
import { retentionLoop, WorkerLoop } from './worker-loop.ts';

// The loop every background worker runs: a kick wakes an idle loop at once, but the pause after a
// small batch (which lets work gather into the next one) is not cut short by kicks.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('WorkerLoop', () => {
  it('wakes from idle on a kick, long before its idle time', async () => {
    let steps = 0;
    const second = deferred();
    const loop = new WorkerLoop(
      async () => {
        steps++;
        if (steps === 2) second.resolve();
        return 0;
      },
      { idleMs: 60_000 },
    );
    loop.start();
    const started = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    loop.kick();
    await second.promise;
    expect(performance.now() - started).toBeLessThan(10_000);
    await loop.stop();
  });

  it('keeps its pause after a small batch however often it is kicked, then runs once for them all', async () => {
    const stepTimes: number[] = [];
    const twoSteps = deferred();
    const loop = new WorkerLoop(
      async () => {
        stepTimes.push(performance.now());
        if (stepTimes.length === 2) twoSteps.resolve();
        return stepTimes.length === 1 ? 1 : 0; // one item the first time, then nothing
      },
      { idleMs: 60_000, pauseAfter: (done) => (done > 0 ? 200 : 0) },
    );
    loop.start();
    // Kicks arriving during the pause are remembered, not obeyed at once.
    const kicks = setInterval(() => loop.kick(), 5);
    await twoSteps.promise;
    clearInterval(kicks);
    expect(stepTimes[1]! - stepTimes[0]!).toBeGreaterThanOrEqual(190);
    await loop.stop();
  });

  it('stops during a pause without waiting it out', async () => {
    const first = deferred();
    const loop = new WorkerLoop(
      async () => {
        first.resolve();
        return 1;
      },
      { idleMs: 60_000, pauseAfter: () => 60_000 },
    );
    loop.start();
    await first.promise;
    const stopping = performance.now();
    await loop.stop();
    expect(performance.now() - stopping).toBeLessThan(10_000);
  });
});

describe('retentionLoop', () => {
  it('prunes what is older than the retention, again at once while batches come back full', async () => {
    const cutoffs: string[] = [];
    const results = [100, 100, 7];
    const idle = deferred();
    const loop = retentionLoop({
      clock: () => new Date('2026-03-02T12:00:00Z'),
      keepMs: 3_600_000,
      everyMs: 60_000,
      batch: 100,
      prune: async (olderThan) => {
        cutoffs.push(olderThan.toISOString());
        const deleted = results.shift() ?? 0;
        if (deleted === 7) idle.resolve();
        return deleted;
      },
      onError: (error) => {
        throw error;
      },
    });
    loop.start();
    await idle.promise;
    await loop.stop();
    // Two full batches, then a partial one; the loop then waits its minute, so no fourth prune.
    expect(cutoffs).toEqual(Array(3).fill('2026-03-02T11:00:00.000Z'));
  });
});
