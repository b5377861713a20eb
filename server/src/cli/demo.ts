import { seedDemoAccount } from '../accounts/index.ts';
import type { Config } from '../config/index.ts';
import { seedRoutingDemo } from '../routing/index.ts';
import type { Runtime } from '../runtime/start.ts';
import { startDemoSimulation } from '../simulator/index.ts';

/** Demo mode: the demo account with known passwords, the platform simulator and live traffic. */
export async function startDemo(runtime: Runtime, config: Config): Promise<void> {
  const demo = await seedDemoAccount(runtime.ctx.db.kysely);
  if (demo.created) runtime.app.log.info('created the demo account (see README for its login)');
  await seedRoutingDemo(runtime.ctx.db.kysely, demo.accountId, runtime.ctx.clock());
  const simulation = await startDemoSimulation(runtime, {
    port: config.SIMULATOR_PORT,
    parleyUrl: `http://127.0.0.1:${config.PORT}`,
  });
  runtime.onStop(() => simulation.stop());
}
