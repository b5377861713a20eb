import type { ServerContext } from '../http/context.ts';
import { startSmtpIngress } from './email/index.ts';
import { DeliveryWriter } from './pipeline/group-insert.ts';

/**
 * Inbound listeners of channels that do not arrive by webhook: the email channel's SMTP server
 * (on SMTP_INBOUND_PORT, off when 0). Returns the function that stops them.
 */
export async function startChannelListeners(
  ctx: ServerContext,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  if (ctx.config.SMTP_INBOUND_PORT === 0) return async () => undefined;
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
  return () => smtp.close();
}
