// Whole triage of one message (sentiment, intent, actionability, signals, language, reach, priority) on one core.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import { loadTriageModels, type TriageInput, triageMessage } from '../server/src/triage/index.ts';
import { INTENT_MODEL_FILE, SENTIMENT_MODEL_FILE } from '../server/src/triage/load-models.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1]! : resolve(repoRoot, '../shared/data');

const loadStart = process.hrtime.bigint();
const models = loadTriageModels();
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
const modelBytes = statSync(SENTIMENT_MODEL_FILE).size + statSync(INTENT_MODEL_FILE).size;

const OWN_TEXTS = [
  '@brand my order #4411 still has not arrived, third time asking!!',
  '@brand love the new app update, great job team',
  'RT @brand: our winter sale starts today https://t.co/abc',
  'Is the website down? I cannot log in since this morning',
  '@brand I was charged twice for the same ticket, I want a refund now',
  'watching the game tonight with friends',
  'If this is not sorted I will take you to court',
  'Hola, mi pedido no ha llegado todavía',
  '@brand https://t.co/xyz',
  'cancel my subscription, switching to another provider',
];
const valTexts = resolve(dataDir, 'tweeteval/sentiment/val_text.txt');
const texts = existsSync(valTexts)
  ? readFileSync(valTexts, 'utf8').split('\n').filter(Boolean).concat(OWN_TEXTS)
  : OWN_TEXTS;
const inputs: TriageInput[] = texts.map((text, i) => ({
  text,
  isPublic: i % 5 !== 0,
  provider: i % 2 ? 'x' : 'meta',
  author: { followerCount: (i * 7919) % 200_000, isVerified: i % 17 === 0 },
  engagement: { likes: i % 50, reposts: i % 7, replies: i % 3 },
  previousEngagement: { likes: i % 20, reposts: 0, replies: 0, minutesAgo: 15 },
  priorInboundCount: i % 4,
  minutesWaiting: i % 180,
}));

for (let i = 0; i < 2000; i++) triageMessage(models, inputs[i % inputs.length]!);

// Rounds of ROUND messages, each timed with process.cpuUsage (CPU time of this process: robust to
// waiting for a core on a loaded machine, not to other processes evicting the weight table from cache).
const ROUNDS = 8;
const ROUND = 10_000;
const total = ROUNDS * ROUND;
const durations = new Float64Array(total);
const roundRates: number[] = [];
const bar = new SingleBar({ format: 'triage [{bar}] {value}/{total}', stream: process.stderr });
bar.start(total, 0);
let sink = 0;
let cpuTotalS = 0;
const start = process.hrtime.bigint();
for (let round = 0; round < ROUNDS; round++) {
  const cpuStart = process.cpuUsage();
  for (let i = round * ROUND; i < (round + 1) * ROUND; i++) {
    const t0 = performance.now();
    sink += triageMessage(models, inputs[i % inputs.length]!).priority.score;
    durations[i] = (performance.now() - t0) * 1000;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  cpuTotalS += cpuS;
  roundRates.push(ROUND / cpuS);
  bar.update((round + 1) * ROUND);
}
const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
bar.stop();
durations.sort();
roundRates.sort((a, b) => a - b);

// A fixed arithmetic loop timed the same way: when it is slow, the core was shared (other processes).
function referenceLoopNs(): number {
  const data = new Int16Array(1 << 16).map((_, i) => i & 255);
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < 300; r++) for (let i = 0; i < data.length; i++) acc += data[i]! * 1.5;
  const ns = Number(process.hrtime.bigint() - t0) / (300 * data.length);
  return acc > 0 ? ns : Number.NaN;
}
const quantile = (q: number) => durations[Math.min(total - 1, Math.floor(q * total))]!;
console.log(
  JSON.stringify({
    messages_per_s: Math.round(total / elapsedS),
    // On a shared machine wall time includes waiting for a core; CPU time is what one core spent.
    messages_per_cpu_s: Math.round(total / cpuTotalS),
    median_round_messages_per_cpu_s: Math.round(
      (roundRates[(ROUNDS - 1) >> 1]! + roundRates[ROUNDS >> 1]!) / 2,
    ),
    min_round_messages_per_cpu_s: Math.round(roundRates[0]!),
    max_round_messages_per_cpu_s: Math.round(roundRates[ROUNDS - 1]!),
    p50_us: Math.round(quantile(0.5) * 10) / 10,
    p99_us: Math.round(quantile(0.99) * 10) / 10,
    model_bytes: modelBytes,
    load_ms: Math.round(loadMs * 10) / 10,
    distinct_texts: inputs.length,
    load_avg_1m: Math.round(loadavg()[0]! * 10) / 10,
    reference_loop_ns: Math.round(referenceLoopNs() * 100) / 100,
    checksum: Math.round(sink),
  }),
);
