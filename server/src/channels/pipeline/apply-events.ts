import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  applyDelete,
  applyDeliveryStatus,
  applyEdit,
  recordInboundMessage,
  resolveContact,
} from '../../inbox/index.ts';
import type { ChannelContext, NormalizedEvent } from '../adapter.ts';

export interface Touched {
  conversationIds: Set<string>;
  newMessageIds: string[];
  updatedMessageIds: Set<string>;
}

/** Apply one delivery's normalised events to the inbox inside the caller's transaction. */
export async function applyEvents(
  trx: Kysely<DB>,
  input: {
    channel: ChannelContext;
    events: NormalizedEvent[];
    receivedAt: Date;
    now: Date;
    reopenWindowDays: number;
    touched: Touched;
  },
): Promise<void> {
  const { channel, touched } = input;
  for (const event of input.events) {
    const at = event.occurredAt ? new Date(event.occurredAt) : input.receivedAt;
    switch (event.kind) {
      case 'message': {
        const { contactId } = await resolveContact(
          trx,
          channel.accountId,
          { provider: channel.provider, ...event.author },
          input.now,
        );
        const result = await recordInboundMessage(trx, {
          accountId: channel.accountId,
          channelId: channel.id,
          contactId,
          message: {
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
          now: input.now,
          reopenWindowDays: input.reopenWindowDays,
        });
        if (result.isStored && result.messageId && result.conversationId) {
          touched.newMessageIds.push(result.messageId);
          touched.conversationIds.add(result.conversationId);
        }
        break;
      }
      case 'status': {
        const changed = await applyDeliveryStatus(trx, {
          channelId: channel.id,
          externalId: event.externalId,
          status: event.status,
          error: event.error,
        });
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
