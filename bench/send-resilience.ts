// 1,000 replies through a simulator that refuses ~30% of sends (500s and 429s with reset headers
// a second ahead): all must be delivered, none twice (the simulator's counts). Prints one JSON line.
//   npx tsx bench/send-resilience.ts [--replies 1000] [--refuse-rate 0.3] [--seed 2026]

import { parseArgs } from 'node:util';
import { runSendResilience } from '../server/src/simulator/resilience-run.ts';

const { values } = parseArgs({
  options: {
    replies: { type: 'string', default: '1000' },
    'refuse-rate': { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '2026' },
  },
});

const started = performance.now();
const result = await runSendResilience({
  replies: Number(values.replies),
  refuseRate: Number(values['refuse-rate']),
  seed: Number(values.seed),
});
process.stdout.write(
  `${JSON.stringify({ ...result, run_s: Number(((performance.now() - started) / 1000).toFixed(1)) })}\n`,
);
