import { Worker } from 'node:worker_threads';
import { type ScheduleProblem, type ScheduleResult, solveSchedule } from './schedule.ts';

/**
 * Solve a schedule in a worker thread so a solve of many seconds (HiGHS in WebAssembly is
 * synchronous) does not stall the HTTP server's event loop. Solves run one at a time per process:
 * each holds a HiGHS instance and a core, and the machine running Parley has few of either.
 * `inline: true` solves on the calling thread (tests of the numeric core, the CLI).
 */
let queue: Promise<unknown> = Promise.resolve();
let workerSolveCount = 0;

/** Solves completed in a worker thread since the process started (for tests and metrics). */
export function workerSolves(): number {
  return workerSolveCount;
}

function solveInWorker(problem: ScheduleProblem): Promise<ScheduleResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./schedule-worker.mjs', import.meta.url), {
      workerData: { problem },
    });
    let settled = false;
    worker.once('message', (message: { ok: boolean; result?: ScheduleResult; message?: string }) => {
      settled = true;
      if (message.ok && message.result) {
        workerSolveCount++;
        resolve(message.result);
      } else reject(new Error(message.message ?? 'schedule solve failed'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`schedule worker exited with code ${code}`));
      settled = true;
    });
  });
}

export function solveScheduleOffThread(
  problem: ScheduleProblem,
  options: { inline?: boolean } = {},
): Promise<ScheduleResult> {
  const run = () => (options.inline ? solveSchedule(problem) : solveInWorker(problem));
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
