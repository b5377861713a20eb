import { createHash } from 'node:crypto';
import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { Metrics } from '../../metrics/index.ts';
import type { WebhookRequest } from '../adapter.ts';
import { adapterFor } from '../registry.ts';
import type { ChannelStore } from '../store.ts';
import type { DeliveryWriter } from './group-insert.ts';

export interface ReceiveDeps {
  db: Database;
  channels: ChannelStore;
  metrics: Metrics;
  writer: DeliveryWriter;
  /** Wakes this process's inbound workers. */
  onStored: () => void;
}

async function channelFor(deps: ReceiveDeps, provider: string, channelId: string) {
  const channel = await deps.channels.context(deps.db.kysely, channelId);
  const adapter = adapterFor(provider);
  // Unknown provider, unknown channel and a channel of another provider all look the same: 404.
  if (!channel || !adapter || channel.provider !== provider) throw new AppError('channel_not_found');
  return { channel, adapter };
}

/** Verification handshake (Meta hub.challenge, X CRC): answered here, nothing stored. */
export async function answerHandshake(
  deps: ReceiveDeps,
  provider: string,
  channelId: string,
  req: WebhookRequest,
) {
  const { channel, adapter } = await channelFor(deps, provider, channelId);
  const answer = adapter.answerHandshake(req, channel);
  if (!answer) throw new AppError('forbidden', 'Verification handshake refused');
  return answer;
}

/**
 * Verify, then store the raw delivery before anyone acknowledges it. The key is the body's hash,
 * so a platform redelivering the same delivery is a no-op; distinct deliveries that repeat an
 * event are caught later by the messages' own unique key.
 */
export async function receiveWebhook(
  deps: ReceiveDeps,
  provider: string,
  channelId: string,
  req: WebhookRequest,
  /** Checks after the signature and before storing (e.g. that the body is JSON); throws to refuse. */
  validate?: () => void,
): Promise<{ isDuplicate: boolean }> {
  const { channel, adapter } = await channelFor(deps, provider, channelId);
  if (!adapter.verifySignature(req, channel)) {
    throw new AppError('invalid_signature', 'Webhook signature is missing or wrong');
  }
  validate?.();
  const eventKey = createHash('sha256').update(req.rawBody).digest('hex');
  const inserted = await deps.writer.store({
    accountId: channel.accountId,
    channelId: channel.id,
    provider,
    eventKey,
    body: req.rawBody.toString('utf8'),
  });
  if (inserted) {
    deps.metrics.eventsReceived.inc({ provider });
    deps.onStored();
  } else {
    deps.metrics.eventsDuplicate.inc({ provider });
  }
  return { isDuplicate: !inserted };
}
