import type { ServerContext } from '../http/context.ts';
import { startSmtpIngress } from './email/index.ts';
import { MentionHydrator } from './meta/mention-hydration.ts';
import { DeliveryWriter } from './pipeline/group-insert.ts';

/**
 * Inbound listeners of channels that do not arrive by webhook: the email channel's SMTP server
 * (on SMTP_INBOUND_PORT, off when 0), and the Instagram mention hydrator (worker roles only).
 * Returns the function that stops them.
 */
export async function startChannelListeners(
  ctx: ServerContext,
  onError: (error: unknown) => void,
  runWorkers = true,
): Promise<() => Promise<void>> {
  // Instagram mentions arrive as bare ids: fetch their text and author in the background.
  const hydrator = new MentionHydrator({
    db: ctx.db,
    channels: ctx.channels,
    onPublished: () => ctx.hub.announce(),
    onError,
  });
  if (runWorkers) hydrator.start();
  if (ctx.config.SMTP_INBOUND_PORT === 0) return () => hydrator.stop();
  const smtp = await startSmtpIngress({
    db: ctx.db,
    metrics: ctx.metrics,
    writer: new DeliveryWriter(ctx.db),
    clock: ctx.clock,
    onStored: ctx.kickInbound,
    port: ctx.config.SMTP_INBOUND_PORT,
    host: ctx.config.SMTP_INBOUND_HOST,
    onError,
  });
  return async () => {
    await smtp.close();
    await hydrator.stop();
  };
}
