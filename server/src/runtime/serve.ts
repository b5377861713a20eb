import { fileURLToPath } from 'node:url';
import { type Config, resolveSecretKey } from '../config/index.ts';
import { connect, migrate } from '../db/index.ts';
import { registerWebApp } from '../http/web-app.ts';
import { createRuntime, type Runtime } from './start.ts';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface ServeOptions {
  config: Config;
  /** Extra start-up work once the database is migrated (demo seeding, simulator). */
  afterMigrate?: (runtime: Runtime) => Promise<void>;
  extend?: Parameters<typeof createRuntime>[0]['extend'];
}

/** `parley serve`: migrate, start the app and workers, stop gracefully on SIGTERM/SIGINT. */
export async function serve(options: ServeOptions): Promise<Runtime> {
  const { config } = options;
  const secretKey = resolveSecretKey(config);
  const db = await connect(
    config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
      : { dataDir: `${config.PARLEY_DATA_DIR}/pgdata` },
  );
  await migrate(db, { secretKey });
  const runtime = await createRuntime({
    config,
    db,
    secretKey,
    extend: options.extend ?? ((app) => registerWebApp(app, { distDir: WEB_DIST })),
  });
  await options.afterMigrate?.(runtime);
  if (config.PARLEY_ROLE !== 'worker') {
    await runtime.app.listen({ port: config.PORT, host: config.HOST });
  }
  let isStopping = false;
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    runtime.app.log.info({ signal }, 'shutting down: finishing in-flight work');
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return runtime;
}
