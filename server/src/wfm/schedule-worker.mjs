// Worker-thread entry for schedule solves: registers tsx (TypeScript sources run without a build
// step), solves one problem and posts the result back. See schedule-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { solveSchedule } = await import('./schedule.ts');
  const result = await solveSchedule(workerData.problem);
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
