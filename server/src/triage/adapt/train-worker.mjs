// Worker-thread entry for account retraining: registers tsx (TypeScript sources run without a
// build step), loads the shared models, trains one account and posts progress and the result.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { loadTriageModels } = await import('../index.ts');
  const { trainAccountModel } = await import('./train.ts');
  const { data, version, options } = workerData;
  const result = trainAccountModel(loadTriageModels(), data, version, options, (done, total) =>
    parentPort?.postMessage({ kind: 'progress', done, total }),
  );
  parentPort?.postMessage({ kind: 'result', ok: true, result });
} catch (error) {
  parentPort?.postMessage({
    kind: 'result',
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  });
}
