import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { type OutboundReply, ReplyRefused } from '../adapter.ts';
import { adapterFor } from '../registry.ts';
import type { ChannelStore } from '../store.ts';

/** A stored reply as its channel's adapter sends it: text, thread, recipient and window facts. */
export async function loadReply(
  db: Kysely<DB>,
  messageId: string,
  provider: string,
): Promise<OutboundReply | null> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .leftJoin('contact_identities as ci', (join) =>
      join.onRef('ci.contact_id', '=', 'c.contact_id').on('ci.provider', '=', provider),
    )
    .select([
      'm.id',
      'm.text',
      'm.is_public',
      'm.reply_to_external_id',
      'm.metadata',
      'c.last_customer_message_at',
      'ci.external_user_id',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!row) return null;
  const metadata = row.metadata as { privateReplyToCommentId?: string; template?: OutboundReply['template'] };
  return {
    messageId: row.id,
    text: row.text,
    isPublic: row.is_public,
    ...(row.reply_to_external_id ? { replyToExternalId: row.reply_to_external_id } : {}),
    ...(row.external_user_id ? { recipientExternalId: row.external_user_id } : {}),
    ...(row.last_customer_message_at
      ? { lastCustomerMessageAt: row.last_customer_message_at.toISOString() }
      : {}),
    ...(metadata.privateReplyToCommentId
      ? { privateReplyToCommentId: metadata.privateReplyToCommentId }
      : {}),
    ...(metadata.template ? { template: metadata.template } : {}),
  };
}

/**
 * Refuse, before anything is stored for good, a reply its platform would refuse: too long for the
 * channel, or outside Messenger's or WhatsApp's messaging window. Call inside the transaction that
 * stored the reply (`messageId`), so throwing rolls it back. Channels with their own transport
 * (email, web chat) have no such limits here.
 */
export async function refuseUnsendable(
  trx: Kysely<DB>,
  channels: ChannelStore,
  input: { messageId: string; channelId: string; now: Date },
): Promise<void> {
  const channel = await channels.context(trx, input.channelId);
  const adapter = channel ? adapterFor(channel.provider) : undefined;
  if (!channel || !adapter || adapter.transport) return;
  const reply = await loadReply(trx, input.messageId, channel.provider);
  if (!reply) return;
  try {
    adapter.buildSend(reply, channel, input.now);
  } catch (error) {
    // The platform's rules on this reply. A channel's own set-up (no callback URL yet, a customer
    // without a recipient id) is left to the outbox, which fails it visibly and lets it be retried.
    if (!(error instanceof ReplyRefused)) throw error;
    if (error.code === 'too_long' || error.code === 'window_closed')
      throw new AppError('reply_refused', error.message, { code: error.code });
  }
}
