import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import { type DB, type DeliveryStatus, isUuid } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

export interface InboundMessage {
  externalId: string;
  replyToExternalId?: string | undefined;
  text: string;
  attachments: unknown[];
  isPublic: boolean;
  isEcho: boolean;
  surface: string;
  sentAt: Date;
  metadata?: Record<string, unknown> | undefined;
}

export interface InboundResult {
  /** False when the message was already stored (a redelivery): nothing changed. */
  isStored: boolean;
  messageId?: string;
  conversationId?: string;
  conversationKind?: 'new' | 'existing' | 'reopen';
}

const statusOrder: Record<DeliveryStatus, number> = {
  received: 0,
  queued: 1,
  unknown: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};

/** Move an outbound message's delivery status forward (never back: a late 'delivered' after 'read' is ignored). */
export async function applyDeliveryStatus(
  db: Kysely<DB>,
  input: { channelId: string; externalId: string; status: DeliveryStatus; error?: string | undefined },
): Promise<{ messageId: string; conversationId: string; accountId: string } | null> {
  const row = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'account_id', 'delivery_status'])
    .where('channel_id', '=', input.channelId)
    .where('external_id', '=', input.externalId)
    .executeTakeFirst();
  if (!row) return null;
  const isForward = statusOrder[input.status] > statusOrder[row.delivery_status];
  if (!isForward) return null;
  await db
    .updateTable('messages')
    .set({ delivery_status: input.status, delivery_error: input.error ?? null })
    .where('id', '=', row.id)
    .execute();
  return { messageId: row.id, conversationId: row.conversation_id, accountId: row.account_id };
}

/**
 * Read/delivery receipts that cover every message up to a time (Messenger watermarks) rather than
 * naming one: move our sent messages to that customer, up to the watermark, forward.
 */
export async function applyWatermark(
  db: Kysely<DB>,
  input: {
    channelId: string;
    provider: string;
    customerExternalId: string;
    status: 'delivered' | 'read';
    watermark: Date;
  },
): Promise<string[]> {
  const lower: DeliveryStatus[] = input.status === 'read' ? ['sent', 'delivered'] : ['sent'];
  const rows = await db
    .updateTable('messages')
    .set({ delivery_status: input.status })
    .where('channel_id', '=', input.channelId)
    .where('direction', '=', 'out')
    .where('delivery_status', 'in', lower)
    .where('sent_at', '<=', input.watermark)
    .where('conversation_id', 'in', (eb) =>
      eb
        .selectFrom('conversations as c')
        .innerJoin('contact_identities as ci', 'ci.contact_id', 'c.contact_id')
        .select('c.id')
        .where('c.channel_id', '=', input.channelId)
        .where('ci.provider', '=', input.provider)
        .where('ci.external_user_id', '=', input.customerExternalId),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The platform echoed a reply we sent, tagged with our message id: record its platform id and
 * mark it sent. This settles sends whose HTTP answer was lost. Returns the message id if ours.
 */
export async function reconcileEcho(
  db: Kysely<DB>,
  input: { channelId: string; ourMessageId: string; externalId: string },
): Promise<string | null> {
  if (!isUuid(input.ourMessageId)) return null;
  const row = await db
    .updateTable('messages')
    .set((eb) => ({
      external_id: input.externalId,
      delivery_status: sql`CASE WHEN delivery_status IN ('queued', 'unknown', 'failed') THEN 'sent' ELSE delivery_status END`,
      delivery_error: eb.ref('delivery_error'),
    }))
    .where('id', '=', input.ourMessageId)
    .where('channel_id', '=', input.channelId)
    .where('direction', '=', 'out')
    .where((eb) => eb.or([eb('external_id', 'is', null), eb('external_id', '=', input.externalId)]))
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function applyEdit(
  db: Kysely<DB>,
  input: { channelId: string; externalId: string; text: string; editedAt: Date },
): Promise<{ messageId: string; conversationId: string } | null> {
  const row = await db
    .updateTable('messages')
    .set({
      text: input.text,
      edited_at: input.editedAt,
      metadata: sql`jsonb_set(metadata, '{originalText}', coalesce(metadata->'originalText', to_jsonb(text)))`,
    })
    .where('channel_id', '=', input.channelId)
    .where('external_id', '=', input.externalId)
    .returning(['id', 'conversation_id'])
    .executeTakeFirst();
  return row ? { messageId: row.id, conversationId: row.conversation_id } : null;
}

export async function applyDelete(
  db: Kysely<DB>,
  input: { channelId: string; externalId: string },
): Promise<{ messageId: string; conversationId: string } | null> {
  const row = await db
    .updateTable('messages')
    .set({ is_deleted: true })
    .where('channel_id', '=', input.channelId)
    .where('external_id', '=', input.externalId)
    .returning(['id', 'conversation_id'])
    .executeTakeFirst();
  return row ? { messageId: row.id, conversationId: row.conversation_id } : null;
}

/** An agent's reply, stored as queued; the caller adds the outbox row in the same transaction. */
export async function createReply(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    /** The agent; null for an automated acknowledgement (a rule's). */
    userId: string | null;
    text: string;
    isPublic?: boolean;
    now: Date;
    /** Sent by automation: a system message that is not the first response and does not stop the wait. */
    isAutomated?: boolean;
  },
) {
  const conversation = await db
    .selectFrom('conversations')
    .select(['id', 'channel_id', 'is_public', 'first_response_at', 'status', 'contact_id'])
    .where('account_id', '=', input.accountId)
    .where('id', '=', input.conversationId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!conversation) throw new AppError('conversation_not_found');
  const lastInbound = await db
    .selectFrom('messages')
    .select(['external_id', 'sent_at'])
    .where('conversation_id', '=', conversation.id)
    .where('direction', '=', 'in')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const isPublic = input.isPublic ?? conversation.is_public;
  const message = await db
    .insertInto('messages')
    .values({
      account_id: input.accountId,
      conversation_id: conversation.id,
      channel_id: conversation.channel_id,
      direction: 'out',
      is_public: isPublic,
      surface: isPublic ? 'reply' : 'dm',
      author_type: input.isAutomated ? 'system' : 'user',
      author_contact_id: null,
      author_user_id: input.userId,
      text: input.text,
      attachments: '[]',
      external_id: null,
      reply_to_external_id: lastInbound?.external_id ?? null,
      delivery_status: 'queued',
      delivery_error: null,
      metadata: '{}',
      sent_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('conversations')
    .set((eb) => ({
      message_count: eb('message_count', '+', 1),
      last_message_at: input.now,
      ...(input.isAutomated
        ? {}
        : {
            last_agent_reply_at: input.now,
            first_response_at: conversation.first_response_at ?? input.now,
            waiting_since: null,
            status: conversation.status === 'new' ? ('open' as const) : conversation.status,
          }),
      updated_at: input.now,
    }))
    .where('id', '=', conversation.id)
    .execute();
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: conversation.id,
      kind: input.isAutomated ? 'reply.automated' : 'reply.sent',
      actorUserId: input.userId,
      messageId: message.id,
      occurredAt: input.now,
      data: {
        channelId: conversation.channel_id,
        isPublic,
        isFirstResponse: !input.isAutomated && conversation.first_response_at === null,
        previousStatus: conversation.status,
      },
    },
  ]);
  return { message, channelId: conversation.channel_id };
}
