import { seedDemoAccount } from '../accounts/index.ts';
import type { Config } from '../config/index.ts';
import type { Runtime } from '../runtime/start.ts';

/** Demo mode: the demo account with known passwords. */
export async function startDemo(runtime: Runtime, _config: Config): Promise<void> {
  const demo = await seedDemoAccount(runtime.ctx.db.kysely);
  if (demo.created) runtime.app.log.info('created the demo account (see README for its login)');
}
