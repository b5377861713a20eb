import { wire } from '../channels/fixtures/index.ts';
import { startListeningDemo } from '../listening/index.ts';
import type { Runtime } from '../runtime/start.ts';
import { loopbackUrl, setupDemoChannels } from './demo-channels.ts';
import { runEmailChatTraffic, startEmailChatDemo } from './demo-email-chat.ts';
import { DemoTraffic } from './demo-traffic.ts';
import { Simulator } from './simulator.ts';

export interface DemoSimulationOptions {
  /** Simulator port (default 3100; 0 picks a free one). */
  port?: number;
  ratePerMinute?: number;
  burst?: number;
  parleyUrl?: string;
}

/**
 * Everything the demo needs from the simulator: start it, create the demo channels pointing at it
 * and start customer traffic. The traffic waits for Parley to listen (webhooks are retried).
 */
export async function startDemoSimulation(
  runtime: Runtime,
  options: DemoSimulationOptions = {},
): Promise<{ simulator: Simulator; traffic: DemoTraffic; stop(): Promise<void> }> {
  const simulator = new Simulator({ port: options.port ?? 3100 });
  await simulator.start();
  try {
    const channels = await setupDemoChannels(runtime, simulator, options.parleyUrl);
    const traffic = new DemoTraffic({
      webhooks: simulator.webhooks,
      channels,
      ...(options.ratePerMinute !== undefined ? { ratePerMinute: options.ratePerMinute } : {}),
      ...(options.burst !== undefined ? { burst: options.burst } : {}),
      onError: (error) => runtime.app.log.warn({ err: error }, 'demo traffic: a webhook was not delivered'),
    });
    traffic.start();
    const emailChat = await startEmailChatDemo(runtime, {
      parleyUrl: options.parleyUrl ?? loopbackUrl(runtime),
    });
    const stopEmailChat = runEmailChatTraffic(emailChat, (error) =>
      runtime.app.log.warn({ err: error }, 'demo traffic: an email or chat message was not delivered'),
    );
    // Public posts about the demo brand on the X channel's listening stream, with an outage soon.
    const x = channels.x;
    const stopListening = x
      ? await startListeningDemo({
          db: runtime.ctx.db.kysely,
          channelId: x.channelId,
          parleyUrl: x.parleyUrl ?? '',
          sign: (body) => wire.xSignatureHeaders(body, x.signingSecret),
          now: () => runtime.ctx.clock().getTime(),
          log: (message) => runtime.app.log.info(message),
        })
      : async () => undefined;
    runtime.app.log.info(
      `platform simulator on ${simulator.baseUrl}; email in on SMTP port ${emailChat.smtpPort}, out to port ${emailChat.sink.port}; demo traffic started`,
    );
    return {
      simulator,
      traffic,
      async stop() {
        await stopListening();
        stopEmailChat();
        await emailChat.stop();
        await traffic.stop();
        await simulator.stop();
      },
    };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}
