// `parley analytics rebuild`: recompute the reporting events from the activity log for an audit.
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { rebuildAnalytics, rebuildRollup } from '../analytics/index.ts';
import { loadConfig } from '../config/index.ts';
import { connect, migrate } from '../db/index.ts';

export function buildAnalyticsCommand(): Command {
  const analytics = new Command('analytics').description('Contact-centre reporting (docs/metrics.md)');
  analytics
    .command('rebuild')
    .description(
      'Recompute reporting events, summaries and the rollup from the conversation activity log and messages (for audits)',
    )
    .option('--account <id>', 'only this account (default: every account)')
    .option(
      '--rollup-only',
      'only recompute the 15-minute rollup (and business-hours flags) from the stored reporting events',
    )
    .action(async (opts: { account?: string; rollupOnly?: boolean }) => {
      const config = loadConfig(process.env);
      const db = await connect(
        config.DATABASE_URL
          ? { databaseUrl: config.DATABASE_URL, poolSize: 2 }
          : { dataDir: `${config.PARLEY_DATA_DIR}/pgdata` },
      );
      await migrate(db);
      if (opts.rollupOnly) {
        const started = Date.now();
        await rebuildRollup(db.kysely, opts.account);
        process.stdout.write(`rebuilt the rollup from the reporting events in ${Date.now() - started} ms\n`);
        await db.close();
        return;
      }
      const bar = new SingleBar({
        format: 'rebuild {account} [{bar}] {percentage}% {value}/{total} activity rows',
        stream: process.stderr,
        hideCursor: true,
      });
      let current = '';
      const started = Date.now();
      const total = await rebuildAnalytics(db.kysely, {
        ...(opts.account ? { accountId: opts.account } : {}),
        clock: () => new Date(),
        onProgress: ({ accountId, done, total }) => {
          if (accountId !== current) {
            if (current) bar.stop();
            current = accountId;
            bar.start(Math.max(total, 1), done, { account: accountId.slice(0, 8) });
          } else bar.update(done);
        },
      });
      if (current) bar.stop();
      process.stdout.write(
        `rebuilt reporting events and the rollup from ${total} activity rows in ${Date.now() - started} ms\n`,
      );
      await db.close();
    });
  return analytics;
}
