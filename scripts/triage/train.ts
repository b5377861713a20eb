// Trains the sentiment and intent models and writes them to server/src/triage/models/ (seeded, reproducible).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { quantise } from '../../server/src/triage/linear-model.ts';
import { encodeModel } from '../../server/src/triage/model-codec.ts';
import { INTENT_LABELS } from '../../server/src/triage/types.ts';
import {
  INTENT_FEATURES,
  INTENT_TRAINING,
  SENTIMENT_FEATURES,
  SENTIMENT_TRAINING,
  SENTIMENT_USES_AIRLINE,
} from './lib/hyperparams.ts';
import { loadIntentSplits } from './lib/intent-data.ts';
import { buildLexicon } from './lib/lexicon-source.ts';
import { classificationReport } from './lib/metrics.ts';
import { loadSentimentTraining, loadTweetEvalValidation, SENTIMENT_CLASSES } from './lib/sentiment-data.ts';
import { predictAll, trainLinear } from './lib/train-linear.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const program = new Command()
  .option('--data <dir>', 'shared data directory', resolve(repoRoot, '../shared/data'))
  .option('--out <dir>', 'where model files are written', resolve(repoRoot, 'server/src/triage/models'))
  .option('--only <model>', 'sentiment | intent (default: both)')
  .parse();
const opts = program.opts<{ data: string; out: string; only?: string }>();
mkdirSync(opts.out, { recursive: true });

function progressBar(label: string, total: number) {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} examples | {eta}s left`,
      stream: process.stderr,
    },
    Presets.legacy,
  );
  bar.start(total, 0);
  return bar;
}

async function trainSentiment() {
  const sources = loadSentimentTraining(opts.data);
  const validation = loadTweetEvalValidation(opts.data);
  const lexicon = await buildLexicon();
  const lexiconMap = new Map(Object.entries(lexicon));
  const train = SENTIMENT_USES_AIRLINE ? sources.semeval.concat(sources.airline) : sources.semeval;
  const bar = progressBar('sentiment', train.length * SENTIMENT_TRAINING.epochs);
  const epochScores: string[] = [];
  const result = trainLinear(
    train,
    SENTIMENT_CLASSES,
    SENTIMENT_FEATURES,
    {
      ...SENTIMENT_TRAINING,
      onProgress: (done) => bar.update(done),
      scoreEpoch: (model, epoch) => {
        const predicted = predictAll(
          model,
          validation.map((v) => v.text),
          SENTIMENT_FEATURES,
          lexiconMap,
        );
        const report = classificationReport(
          SENTIMENT_CLASSES,
          validation.map((v) => v.label),
          predicted,
        );
        epochScores.push(`epoch ${epoch}: val macro-recall ${report.macroRecall.toFixed(4)}`);
        return report.macroRecall;
      },
    },
    lexiconMap,
  );
  bar.stop();
  process.stderr.write(`${epochScores.join('\n')}\nkept epoch ${result.bestEpoch}\n`);
  const bytes = encodeModel(quantise(result.model), {
    name: 'sentiment',
    config: SENTIMENT_FEATURES,
    lexicon,
    trainedOn: {
      semevalRows: sources.semeval.length,
      airlineRows: SENTIMENT_USES_AIRLINE ? sources.airline.length : 0,
      droppedAsTweetEvalValidation: sources.droppedAsValidation,
      epochsKept: result.bestEpoch,
      seed: SENTIMENT_TRAINING.seed,
    },
  });
  writeFileSync(resolve(opts.out, 'sentiment.bin'), bytes);
  process.stderr.write(`wrote sentiment.bin (${bytes.length} bytes)\n`);
}

async function trainIntent() {
  const { train } = loadIntentSplits(opts.data, INTENT_TRAINING.seed);
  const lexicon = new Map(Object.entries(await buildLexicon()));
  const bar = progressBar('intent', train.length * INTENT_TRAINING.epochs);
  const result = trainLinear(
    train,
    INTENT_LABELS,
    INTENT_FEATURES,
    { ...INTENT_TRAINING, onProgress: (done) => bar.update(done) },
    lexicon,
  );
  bar.stop();
  const bytes = encodeModel(quantise(result.model), {
    name: 'intent',
    config: INTENT_FEATURES,
    trainedOn: { rows: train.length, epochs: INTENT_TRAINING.epochs, seed: INTENT_TRAINING.seed },
  });
  writeFileSync(resolve(opts.out, 'intent.bin'), bytes);
  process.stderr.write(`wrote intent.bin (${bytes.length} bytes)\n`);
}

if (!opts.only || opts.only === 'intent') await trainIntent();
if (!opts.only || opts.only === 'sentiment') await trainSentiment();
