import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEMO_PASSWORD, DEMO_USERS } from '../accounts/index.ts';
import { DemoTraffic } from './demo-traffic.ts';
import { ensureRemoteChannel, setupRemoteDemoChannels, signInRemote } from './remote-channels.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import { Simulator } from './simulator.ts';
import { parseTwcsCsv } from './twcs-csv.ts';
import { assignBrands, replayOrder } from './twcs-grouping.ts';
import { brandUserId, replayTweets } from './twcs-replay.ts';

interface SimulateOptions {
  port: string;
  target: string;
  email: string;
  password: string;
  rate: string;
  burst: string;
  failRate: string;
  timeoutRate: string;
  seed: string;
  replay?: string;
  speedup: string;
}

const number = (name: string, value: string, min = 0): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) && parsed !== Number.POSITIVE_INFINITY)
    throw new Error(`--${name} must be a number`);
  if (parsed < min) throw new Error(`--${name} must be at least ${min}`);
  return parsed;
};

/** `parley simulate`: the platform simulator in front of a running Parley, with demo traffic or a TWCS replay. */
export function buildSimulateCommand(): Command {
  return new Command('simulate')
    .description(
      'Stand in for X, Meta and API-channel platforms on loopback and send Parley customer traffic',
    )
    .option('--port <port>', 'simulator port', '3100')
    .option('--target <url>', 'the Parley to send webhooks to', 'http://127.0.0.1:3000')
    .option('--email <email>', 'an admin of the account to connect channels in', DEMO_USERS[0]?.email ?? '')
    .option('--password <password>', 'that admin’s password', DEMO_PASSWORD)
    .option('--rate <per-minute>', 'customer messages per minute', '4')
    .option('--burst <count>', 'messages sent at start', '12')
    .option('--fail-rate <share>', 'share of sends refused (half 500s, half 429s with reset headers)', '0')
    .option(
      '--timeout-rate <share>',
      'share of sends accepted but answered only after the client gave up',
      '0',
    )
    .option('--seed <n>', 'seed for faults and traffic', String(Date.now() % 2 ** 31))
    .option('--replay <csv>', 'replay a Customer Support on Twitter CSV instead of demo traffic')
    .option('--speedup <n>', 'replay speed-up (Infinity: as fast as Parley acknowledges)', '60')
    .action(async (opts: SimulateOptions) => {
      const failRate = number('fail-rate', opts.failRate);
      const simulator = new Simulator({
        port: number('port', opts.port),
        seed: number('seed', opts.seed),
        faults: {
          serverError: failRate / 2,
          rateLimit: failRate / 2,
          timeout: number('timeout-rate', opts.timeoutRate),
        },
      });
      await simulator.start();
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(
        `simulator listening on ${simulator.baseUrl} (Graph ${simulator.graphBaseUrl()}, X ${simulator.xBaseUrl()})`,
      );
      const parley = await signInRemote(opts.target.replace(/\/+$/, ''), opts.email, opts.password);
      if (opts.replay) {
        const tweets = parseTwcsCsv(readFileSync(opts.replay, 'utf8'));
        const brandOf = assignBrands(tweets);
        const channels = new Map<string, SimulatedChannel>();
        for (const brand of new Set(brandOf.values())) {
          const userId = brandUserId(brand);
          channels.set(
            brand,
            await ensureRemoteChannel(parley, simulator, {
              provider: 'x',
              name: `@${brand} (replay)`,
              settings: () => ({ apiBaseUrl: simulator.xBaseUrl(), userId }),
              ids: { userId, handle: brand },
            }),
          );
        }
        out(`replaying ${tweets.length} tweets to ${channels.size} X channels at ×${opts.speedup}`);
        const result = await replayTweets(replayOrder(tweets), {
          webhooks: simulator.webhooks,
          brandOf,
          channelFor: (brand) => channels.get(brand) as SimulatedChannel,
          speedup: number('speedup', opts.speedup, 0.000001),
        });
        out(`sent ${result.sent} tweets; ${result.refused.length} refused by Parley`);
        await simulator.stop();
        return;
      }
      const channels = await setupRemoteDemoChannels(parley, simulator);
      const traffic = new DemoTraffic({
        webhooks: simulator.webhooks,
        channels,
        ratePerMinute: number('rate', opts.rate),
        burst: number('burst', opts.burst),
        seed: number('seed', opts.seed),
        onError: (error) => process.stderr.write(`webhook not delivered: ${error.message}\n`),
      });
      traffic.start();
      out(`sending demo traffic to ${parley.baseUrl} (${opts.rate}/min); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await traffic.stop();
      await simulator.stop();
      out(`stopped after ${traffic.sent} messages and ${simulator.log.requests.length} send requests`);
    });
}
