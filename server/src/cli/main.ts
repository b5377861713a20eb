import { Command } from 'commander';
import { seedAdmin, seedDemoAccount } from '../accounts/index.ts';
import { ConfigError, describeSettings, loadConfig, resolveSecretKey } from '../config/index.ts';
import { connect, migrate } from '../db/index.ts';
import { serve } from '../runtime/serve.ts';
import { buildSimulateCommand } from '../simulator/index.ts';
import { buildWfmCommand } from '../wfm/cli.ts';
import { buildAnalyticsCommand } from './analytics.ts';
import { startDemo } from './demo.ts';
import { buildTriageCommand } from './triage.ts';

function configOrExit(overrides: Record<string, string | undefined> = {}) {
  try {
    return loadConfig({
      ...process.env,
      ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v)),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function openDatabase(config: ReturnType<typeof loadConfig>) {
  return connect(
    config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL, poolSize: 2 }
      : { dataDir: `${config.PARLEY_DATA_DIR}/pgdata` },
  );
}

const program = new Command('parley').description('Parley — social customer care desk for contact centres');

program
  .command('serve')
  .description('Run the API, webhooks, realtime hub and workers')
  .option('--demo', 'demo mode: seed the demo account (known passwords) and start the platform simulator')
  .option('--port <port>', 'port (overrides PORT)')
  .option('--role <role>', 'api, worker or all (overrides PARLEY_ROLE)')
  .action(async (opts: { demo?: boolean; port?: string; role?: string }) => {
    const config = configOrExit({
      PORT: opts.port,
      PARLEY_ROLE: opts.role,
      ...(opts.demo ? { PARLEY_DEMO: 'true' } : {}),
    });
    const isDemo = config.PARLEY_DEMO;
    const runtime = await serve({
      config,
      ...(isDemo ? { afterMigrate: (rt) => startDemo(rt, config) } : {}),
    });
    if (!isDemo && !config.DATABASE_URL) {
      // The first embedded start gets the demo account too, so a new user can sign in at once.
      // Outside demo mode nobody gets a known password: each is generated and shown once.
      const demo = await seedDemoAccount(runtime.ctx.db.kysely, { useKnownPasswords: false });
      if (demo.created) {
        process.stdout.write('Created the demo account. Sign in with (shown once):\n');
        for (const p of demo.passwords) process.stdout.write(`  ${p.email}  ${p.password}\n`);
      }
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const config = configOrExit();
    const db = await openDatabase(config);
    // The key seals secrets stored in clear by older versions (migration 0014).
    const ran = await migrate(db, { secretKey: resolveSecretKey(config) });
    process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'database is up to date\n');
    await db.close();
  });

program
  .command('seed')
  .description('Create the demo account (--demo) or a first admin (--admin-email)')
  .option('--demo', 'create the demo account with known passwords')
  .option('--admin-email <email>', 'create an account and its first admin with a generated password')
  .option('--account-name <name>', 'name of the account to create', 'My company')
  .action(async (opts: { demo?: boolean; adminEmail?: string; accountName: string }) => {
    const config = configOrExit();
    if (!opts.demo && !opts.adminEmail) {
      process.stderr.write('parley seed: give --demo or --admin-email <email>\n');
      process.exit(2);
    }
    const db = await openDatabase(config);
    await migrate(db);
    if (opts.demo) {
      const demo = await seedDemoAccount(db.kysely);
      process.stdout.write(demo.created ? 'demo account created\n' : 'demo account already exists\n');
    }
    if (opts.adminEmail) {
      const admin = await seedAdmin(db.kysely, { email: opts.adminEmail, accountName: opts.accountName });
      process.stdout.write(
        `account created; sign in as ${admin.email} with password: ${admin.password}\n(shown once; change it after signing in)\n`,
      );
    }
    await db.close();
  });

program
  .command('config')
  .description('List every setting with its default and description')
  .action(() => {
    for (const s of describeSettings()) {
      process.stdout.write(
        `${s.name}${s.isSensitive ? ' (secret)' : ''}\n  default: ${s.default || '(empty)'}\n  ${s.description}\n`,
      );
    }
  });

program.addCommand(buildWfmCommand());
program.addCommand(buildAnalyticsCommand());
program.addCommand(buildTriageCommand());
program.addCommand(buildSimulateCommand());

await program.parseAsync(process.argv);
