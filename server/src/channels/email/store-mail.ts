import type { Metrics } from '../../metrics/index.ts';
import type { DeliveryWriter } from '../pipeline/group-insert.ts';
import type { EmailDelivery } from './delivery.ts';

// The one durable inbound path for mail, whichever way it came (SMTP listener or IMAP poll): the
// parsed mail and its raw bytes become an inbound delivery per channel, keyed so a repeat stores
// nothing; the inbound worker threads it later like any webhook delivery.

export interface MailTarget {
  id: string;
  accountId: string;
}

/** Stores the mail for each channel; resolves true when at least one row is new. */
export async function storeMailDelivery(
  writer: Pick<DeliveryWriter, 'store'>,
  metrics: Metrics,
  delivery: EmailDelivery,
  channels: MailTarget[],
  eventKey: string,
): Promise<boolean> {
  const body = JSON.stringify(delivery);
  let isNew = false;
  for (const channel of channels) {
    const inserted = await writer.store({
      accountId: channel.accountId,
      channelId: channel.id,
      provider: 'email',
      eventKey,
      body,
    });
    if (inserted) {
      isNew = true;
      metrics.eventsReceived.inc({ provider: 'email' });
    } else metrics.eventsDuplicate.inc({ provider: 'email' });
  }
  return isNew;
}
