import { Worker } from 'node:worker_threads';
import type { AccountModel } from './account-model.ts';
import type { AdaptationData, AdaptationOptions, AdaptationReport } from './train.ts';

type TrainResult = { model: AccountModel | undefined; report: AdaptationReport };
type WorkerMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'result'; ok: boolean; result?: TrainResult; message?: string };

/**
 * Train an account's correction layer in a worker thread: a run takes seconds of CPU, and on the
 * server's own thread it would hold up webhook acknowledgements and the desk for all of them.
 * The worker loads the same committed shared models the pipeline uses.
 */
export function trainAccountModelOffThread(
  data: AdaptationData,
  version: number,
  options: Partial<AdaptationOptions> = {},
  onProgress?: (done: number, total: number) => void,
): Promise<TrainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./train-worker.mjs', import.meta.url), {
      workerData: { data, version, options },
    });
    let isSettled = false;
    const settle = (fn: () => void) => {
      if (isSettled) return;
      isSettled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress?.(message.done, message.total);
      else if (message.ok && message.result) {
        const result = message.result;
        settle(() => resolve(result));
      } else settle(() => reject(new Error(message.message ?? 'retraining failed')));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`retraining worker exited with code ${code}`))),
    );
  });
}
