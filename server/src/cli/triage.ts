// `parley triage retrain --account <id or slug>`: learn an account's triage model from its agents'
// corrections now (the server also does it on its own once enough new corrections arrived).
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { loadConfig } from '../config/index.ts';
import { connect, type Database, isUuid, migrate } from '../db/index.ts';
import {
  accountsDueForRetrain,
  type RetrainRun,
  retrainAccountModel,
  retrainStatus,
} from '../inbox/triage-retrain.ts';

async function open(): Promise<Database> {
  const config = loadConfig(process.env);
  const db = await connect(
    config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL, poolSize: 2 }
      : { dataDir: `${config.PARLEY_DATA_DIR}/pgdata` },
  );
  await migrate(db);
  return db;
}

async function accountId(db: Database, idOrSlug: string): Promise<string> {
  const row = await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where(isUuid(idOrSlug) ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
  if (!row) throw new Error(`no account ${idOrSlug}`);
  return row.id;
}

function describeRun(run: RetrainRun): string {
  const heads = ((run.report as { heads?: Record<string, unknown>[] } | null)?.heads ?? []).map((h) => {
    const held = h.heldOut as
      | { sharedAccuracy: number; adaptedAccuracy: number; anchorAgreement: number }
      | undefined;
    const figures = held
      ? `, held-out accuracy ${held.sharedAccuracy} → ${held.adaptedAccuracy}, uncorrected kept ${held.anchorAgreement}`
      : '';
    return `  ${h.head}: ${h.corrections} corrections, ${h.accepted ? 'accepted' : 'not used'} (${h.reason}${figures})`;
  });
  const version = run.modelVersion ? ` model version ${run.modelVersion}` : '';
  return [`run ${run.id}: ${run.status}${version}`, ...heads].join('\n') + '\n';
}

export function buildTriageCommand(): Command {
  const triage = new Command('triage').description('Triage models (docs/triage.md)');
  triage
    .command('retrain')
    .description(
      "Retrain an account's model from its corrections; kept only if better on held-out corrections",
    )
    .option('--account <id>', 'account id or slug')
    .option('--due', 'every account with enough new corrections since its last run')
    .action(async (opts: { account?: string; due?: boolean }) => {
      if (!opts.account && !opts.due) throw new Error('give --account <id or slug> or --due');
      const db = await open();
      const ids = opts.account ? [await accountId(db, opts.account)] : await accountsDueForRetrain(db.kysely);
      if (ids.length === 0) process.stdout.write('no account has enough new corrections\n');
      for (const id of ids) {
        const bar = new SingleBar({
          format: `retrain ${id.slice(0, 8)} [{bar}] {value}/{total} folds`,
          stream: process.stderr,
          hideCursor: true,
          synchronousUpdate: true,
        });
        bar.start(1, 0);
        const run = await retrainAccountModel(db.kysely, {
          accountId: id,
          trigger: 'cli',
          clock: () => new Date(),
          onProgress: (done, total) => {
            bar.setTotal(total);
            bar.update(done);
          },
        });
        bar.stop();
        process.stdout.write(describeRun(run));
      }
      await db.close();
    });
  triage
    .command('status')
    .description("An account's triage model, its held-out metrics and recent retraining runs")
    .requiredOption('--account <id>', 'account id or slug')
    .action(async (opts: { account: string }) => {
      const db = await open();
      const status = await retrainStatus(db.kysely, await accountId(db, opts.account));
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      await db.close();
    });
  return triage;
}
