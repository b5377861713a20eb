import type { ServerContext } from '../http/context.ts';
import { ImapPoller, startSmtpIngress } from './email/index.ts';
import { MentionHydrator } from './meta/mention-hydration.ts';
import { DeliveryWriter } from './pipeline/group-insert.ts';

/**
 * Inbound listeners of channels that do not arrive by webhook: the email channel's SMTP server
 * (on SMTP_INBOUND_PORT, off when 0), and (worker roles only) the IMAP poller and the Instagram
 * mention hydrator.
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
  // Email channels with IMAP settings: their mailbox is polled (leased, so one process at a time).
  const imap = new ImapPoller({
    db: ctx.db,
    channels: ctx.channels,
    writer: new DeliveryWriter(ctx.db),
    metrics: ctx.metrics,
    clock: ctx.clock,
    onStored: ctx.kickInbound,
    onError,
  });
  if (runWorkers) imap.start();
  const stopWorkers = async () => {
    await imap.stop();
    await hydrator.stop();
  };
  if (ctx.config.SMTP_INBOUND_PORT === 0) return stopWorkers;
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
    await stopWorkers();
  };
}
