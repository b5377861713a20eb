// Evaluates the committed models: sentiment vs VADER and AFINN, intent on held-out splits, reply suggestions.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadTriageModels } from '../../server/src/triage/index.ts';
import { classifyIntent } from '../../server/src/triage/intent.ts';
import { buildReplyIndex, suggestReplies } from '../../server/src/triage/replies/index.ts';
import { adaptReply } from '../../server/src/triage/replies/trim.ts';
import { predictSentiment } from '../../server/src/triage/sentiment.ts';
import { INTENT_LABELS } from '../../server/src/triage/types.ts';
import { simulateAccountRetraining } from './lib/account-sim.ts';
import { createAfinnClassifier, createVaderClassifier } from './lib/baselines.ts';
import { INTENT_TRAINING } from './lib/hyperparams.ts';
import { loadIntentSplits } from './lib/intent-data.ts';
import { classificationReport, formatConfusion } from './lib/metrics.ts';
import { createRng } from './lib/rng.ts';
import { rougeL } from './lib/rouge.ts';
import { loadSentimentTraining, loadTweetEvalValidation, SENTIMENT_CLASSES } from './lib/sentiment-data.ts';
import { loadTwcs, replyCases, splitByTimePerBrand } from './lib/twcs.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opts = new Command()
  .option('--data <dir>', 'shared data directory', resolve(repoRoot, '../shared/data'))
  .option('--max-length <n>', 'reply length limit for suggestions', '280')
  .parse()
  .opts<{ data: string; maxLength: string }>();
const models = loadTriageModels();
const pct = (x: number) => (x * 100).toFixed(1) + '%';

function evaluateSentiment() {
  const validation = loadTweetEvalValidation(opts.data);
  const gold = validation.map((v) => v.label);
  const labelIndex = (label: string) =>
    SENTIMENT_CLASSES.indexOf(label as (typeof SENTIMENT_CLASSES)[number]);
  const systems: [string, (text: string) => number][] = [
    ['parley', (text) => labelIndex(predictSentiment(models, text).label)],
    ['vader-sentiment', createVaderClassifier()],
    ['sentiment (AFINN)', createAfinnClassifier()],
  ];
  console.log(`\n== Sentiment: TweetEval sentiment validation (${validation.length} tweets) ==`);
  const summary: string[] = [];
  for (const [name, classify] of systems) {
    const report = classificationReport(
      SENTIMENT_CLASSES,
      gold,
      validation.map((v) => classify(v.text)),
    );
    const recalls = SENTIMENT_CLASSES.map((c) => `${c} ${report.recall[c]!.toFixed(3)}`).join(', ');
    console.log(
      `\n${name}: macro-recall ${report.macroRecall.toFixed(4)}, accuracy ${report.accuracy.toFixed(4)}`,
    );
    console.log(`  per-class recall: ${recalls}`);
    console.log(formatConfusion(SENTIMENT_CLASSES, report.confusion).replace(/^/gm, '  '));
    summary.push(
      `${name.padEnd(18)} macro-recall ${report.macroRecall.toFixed(4)}  accuracy ${report.accuracy.toFixed(4)}`,
    );
  }
  console.log('\nsummary:\n  ' + summary.join('\n  '));
}

function evaluateIntent() {
  const { heldOut } = loadIntentSplits(opts.data, INTENT_TRAINING.seed);
  const predicted = heldOut.map((h) => INTENT_LABELS.indexOf(classifyIntent(models, h.text).label));
  console.log(`\n== Intent classifier: held-out splits (${heldOut.length} utterances) ==`);
  for (const source of ['bitext', 'banking77', 'clinc150'] as const) {
    const rows = heldOut.map((h, i) => ({ h, p: predicted[i]! })).filter((r) => r.h.source === source);
    const report = classificationReport(
      INTENT_LABELS,
      rows.map((r) => r.h.label),
      rows.map((r) => r.p),
    );
    console.log(
      `  ${source.padEnd(10)} n=${String(rows.length).padStart(5)}  accuracy ${report.accuracy.toFixed(4)}  macro-F1 ${report.macroF1.toFixed(4)}`,
    );
  }
  const all = classificationReport(
    INTENT_LABELS,
    heldOut.map((h) => h.label),
    predicted,
  );
  console.log(
    `  ${'all'.padEnd(10)} n=${String(heldOut.length).padStart(5)}  accuracy ${all.accuracy.toFixed(4)}  macro-F1 ${all.macroF1.toFixed(4)}`,
  );
  console.log('  per-class F1: ' + INTENT_LABELS.map((c) => `${c} ${all.f1[c]!.toFixed(2)}`).join(', '));
}

function evaluateSuggestions() {
  const maxLength = Number(opts.maxLength);
  const splits = splitByTimePerBrand(replyCases(loadTwcs(opts.data)), 0.2);
  const random = createRng(42);
  let count = 0;
  let parley = 0;
  let baseline = 0;
  for (const { history, heldOut } of splits) {
    if (history.length === 0) continue;
    const index = buildReplyIndex(history);
    for (const c of heldOut) {
      const reference = adaptReply(c.replyText);
      const suggestions = suggestReplies(index, c.customerText, { maxLength, k: 3 });
      parley += Math.max(0, ...suggestions.map((s) => rougeL(s.text, reference)));
      const randomPicks = [0, 1, 2].map(() => history[Math.floor(random() * history.length)]!.replyText);
      baseline += Math.max(0, ...randomPicks.map((r) => rougeL(adaptReply(r), reference)));
      count++;
    }
  }
  console.log(
    `\n== Suggested replies: twcs reply chains, last 20% per brand by time (${count} held-out customer tweets) ==`,
  );
  console.log(`  parley best-of-3 ROUGE-L F1      ${(parley / count).toFixed(4)}`);
  console.log(`  3 random past replies (seed 42) ${(baseline / count).toFixed(4)}`);
  console.log(`  relative gain ${pct(parley / baseline - 1)}`);
}

function evaluateAccountRetraining() {
  // The tweet-extraction set is not in the shared model's training data: it plays a new account.
  const { extraction } = loadSentimentTraining(opts.data);
  const { rows, future } = simulateAccountRetraining(models, extraction, [25, 100, 400]);
  console.log(
    `\n== Account retraining (simulated): sentiment, tweet-extraction set as one account, ${future} later messages ==`,
  );
  for (const r of rows) {
    const held = r.heldOut
      ? `held-out corrections ${r.heldOut.sharedAccuracy.toFixed(3)} -> ${r.heldOut.adaptedAccuracy.toFixed(3)}, uncorrected kept ${r.heldOut.anchorAgreement.toFixed(3)}`
      : '';
    const f = r.future;
    console.log(
      `  ${String(r.corrections).padStart(4)} corrections: ${r.accepted ? 'accepted' : 'rejected'} (${r.reason}) ${held}`,
    );
    console.log(
      `       later messages: accuracy ${f.shared.accuracy.toFixed(4)} -> ${f.adapted.accuracy.toFixed(4)}, macro-recall ${f.shared.macroRecall.toFixed(4)} -> ${f.adapted.macroRecall.toFixed(4)}  (${r.seconds.toFixed(1)} s)`,
    );
  }
}

evaluateSentiment();
evaluateIntent();
evaluateSuggestions();
evaluateAccountRetraining();
