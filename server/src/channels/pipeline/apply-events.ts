import type { Kysely } from 'kysely';
import { type DB, isUuid } from '../../db/index.ts';
import {
  applyDelete,
  applyDeliveryStatus,
  applyEdit,
  applyWatermark,
  InboundBatch,
  reconcileEcho,
} from '../../inbox/index.ts';
import type { TriageModels, TriageSettings } from '../../triage/index.ts';
import type { ChannelContext, MessageEvent, NormalizedEvent } from '../adapter.ts';
import { annotator } from './annotate.ts';

export interface Touched {
  conversationIds: Set<string>;
  newMessageIds: string[];
  updatedMessageIds: Set<string>;
}

export interface Delivery {
  channel: ChannelContext;
  events: NormalizedEvent[];
  receivedAt: Date;
}

export interface TriageContext {
  models: TriageModels;
  settingsFor: (accountId: string) => Partial<TriageSettings>;
  now: Date;
}

/** One InboundBatch per channel, prefetched with every message of the deliveries given. */
export async function prepareBatches(
  trx: Kysely<DB>,
  deliveries: Delivery[],
  options: { now: Date; reopenWindowDays: number },
): Promise<Map<string, InboundBatch>> {
  const byChannel = new Map<string, { channel: ChannelContext; messages: MessageEvent[] }>();
  for (const delivery of deliveries) {
    const entry = byChannel.get(delivery.channel.id) ?? { channel: delivery.channel, messages: [] };
    for (const e of delivery.events) if (e.kind === 'message') entry.messages.push(e);
    byChannel.set(delivery.channel.id, entry);
  }
  const batches = new Map<string, InboundBatch>();
  for (const [channelId, { channel, messages }] of byChannel) {
    const batch = new InboundBatch(trx, {
      accountId: channel.accountId,
      channelId,
      provider: channel.provider,
      now: options.now,
      reopenWindowDays: options.reopenWindowDays,
    });
    await batch.prefetch(
      messages.map((m) => ({
        externalId: m.externalId,
        replyToExternalId: m.replyToExternalId,
        authorId: m.author.externalUserId,
        email: m.author.email,
        phone: m.author.phone,
      })),
    );
    batches.set(channelId, batch);
  }
  return batches;
}

/** Apply one delivery's normalised events to the inbox inside the caller's transaction. */
export async function applyDelivery(
  trx: Kysely<DB>,
  batch: InboundBatch,
  delivery: Delivery,
  touched: Touched,
  triage?: TriageContext,
): Promise<void> {
  const { channel } = delivery;
  for (const event of delivery.events) {
    const at = event.occurredAt ? new Date(event.occurredAt) : delivery.receivedAt;
    // Edits, deletes and statuses may name a message recorded earlier in this batch: write first.
    if (event.kind !== 'message' || event.isEcho) await batch.flush();
    switch (event.kind) {
      case 'message': {
        const ours = event.isEcho ? event.metadata?.outboundMessageId : undefined;
        if (typeof ours === 'string') {
          const reconciled = await reconcileEcho(trx, {
            channelId: channel.id,
            ourMessageId: ours,
            externalId: event.externalId,
          });
          if (reconciled) {
            // Settled by the platform itself: a pending retry must not send it again.
            await trx
              .updateTable('outbox')
              .set({ status: 'done', last_error: null, updated_at: delivery.receivedAt })
              .where('message_id', '=', reconciled)
              .where('status', 'in', ['pending', 'unknown', 'failed'])
              .execute();
            touched.updatedMessageIds.add(reconciled);
            break;
          }
        }
        const contactId = await batch.contactFor({ provider: channel.provider, ...event.author });
        const annotate = triage
          ? annotator(
              triage.models,
              triage.settingsFor(channel.accountId),
              channel.provider,
              event,
              triage.now,
            )
          : undefined;
        const result = await batch.record(
          contactId,
          {
            externalId: event.externalId,
            replyToExternalId: event.replyToExternalId,
            text: event.text,
            attachments: event.attachments,
            isPublic: event.isPublic,
            isEcho: event.isEcho,
            surface: event.surface,
            sentAt: at,
            metadata: {
              ...(event.metadata ?? {}),
              ...(event.permalink ? { permalink: event.permalink } : {}),
              ...(event.engagement ? { engagement: event.engagement } : {}),
              ...(event.threadKey ? { threadKey: event.threadKey } : {}),
            },
          },
          annotate,
        );
        if (result.isStored && result.messageId && result.conversationId) {
          touched.newMessageIds.push(result.messageId);
          touched.conversationIds.add(result.conversationId);
        }
        break;
      }
      case 'status': {
        if (
          !event.externalId &&
          event.watermark &&
          event.recipientId &&
          event.status !== 'sent' &&
          event.status !== 'failed'
        ) {
          const ids = await applyWatermark(trx, {
            channelId: channel.id,
            provider: channel.provider,
            customerExternalId: event.recipientId,
            status: event.status,
            watermark: new Date(event.watermark),
          });
          for (const id of ids) touched.updatedMessageIds.add(id);
          break;
        }
        let changed = await applyDeliveryStatus(trx, {
          channelId: channel.id,
          externalId: event.externalId,
          status: event.status,
          error: event.error,
        });
        if (!changed && event.outboundMessageId && event.externalId) {
          // The status beat our send's answer (or the answer was lost): it names our reply, so record
          // the platform id now instead of dropping the status.
          const adopted = await adoptPlatformId(trx, channel.id, event.outboundMessageId, event.externalId);
          if (adopted) {
            changed = await applyDeliveryStatus(trx, {
              channelId: channel.id,
              externalId: event.externalId,
              status: event.status,
              error: event.error,
            });
            touched.updatedMessageIds.add(adopted);
          }
        }
        if (changed) touched.updatedMessageIds.add(changed.messageId);
        break;
      }
      case 'edit': {
        const changed = await applyEdit(trx, {
          channelId: channel.id,
          externalId: event.externalId,
          text: event.text,
          editedAt: at,
        });
        if (changed) touched.updatedMessageIds.add(changed.messageId);
        break;
      }
      case 'delete': {
        const changed = await applyDelete(trx, { channelId: channel.id, externalId: event.externalId });
        if (changed) touched.updatedMessageIds.add(changed.messageId);
        break;
      }
    }
  }
}

/** Record the platform id on our outbound reply named by a status; settles its outbox row like an echo. */
async function adoptPlatformId(
  trx: Kysely<DB>,
  channelId: string,
  ourMessageId: string,
  externalId: string,
): Promise<string | null> {
  if (!isUuid(ourMessageId)) return null;
  const row = await trx
    .updateTable('messages')
    .set({ external_id: externalId })
    .where('id', '=', ourMessageId)
    .where('channel_id', '=', channelId)
    .where('direction', '=', 'out')
    .where('external_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  await trx
    .updateTable('outbox')
    .set({ status: 'done', last_error: null })
    .where('message_id', '=', row.id)
    .where('status', 'in', ['pending', 'unknown', 'failed'])
    .execute();
  return row.id;
}
