import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { ChannelContext, OutboundReply } from '../adapter.ts';
import { VISITOR_ONLINE_MS } from './visitors.ts';

// How the outbox answers a web chat visitor (the web chat transport's `prepare`):
// 1. on their socket, when they are on the page (an open socket heard from in the last 90 s) or
//    left no address;
// 2. otherwise by email to the address they left, through the account's email channel (the web
//    chat's `settings.emailChannelId`, else the account's oldest active email channel that can send),
//    threaded like any email reply so their answer comes back into this conversation;
// 3. with no email channel, through the web chat channel's own SMTP settings (`smtpHost`), if any.
// The reply is recorded on the channel it leaves through, which is what threads the answer back.

interface EmailRoute {
  id: string;
  fromName: string | undefined;
}

async function accountEmailChannel(db: Kysely<DB>, chat: ChannelContext): Promise<EmailRoute | undefined> {
  const chosen = typeof chat.settings.emailChannelId === 'string' ? chat.settings.emailChannelId : undefined;
  let query = db
    .selectFrom('channels')
    .select(['id', 'settings'])
    .where('account_id', '=', chat.accountId)
    .where('provider', '=', 'email')
    .where('is_active', '=', true);
  query = chosen
    ? query.where('id', '=', chosen)
    : query
        .where((eb) => eb(eb.ref('settings', '->>').key('smtpHost'), '<>', ''))
        .where((eb) => eb(eb.ref('settings', '->>').key('address'), 'like', '%@%'));
  const row = await query.orderBy('created_at').limit(1).executeTakeFirst();
  if (!row) return undefined;
  const fromName = row.settings.fromName;
  return { id: row.id, fromName: typeof fromName === 'string' ? fromName : undefined };
}

/** Record the reply on the channel it leaves through (no write when it already is). */
async function recordRoute(db: Kysely<DB>, messageId: string, channelId: string): Promise<void> {
  await db
    .updateTable('messages')
    .set({ channel_id: channelId })
    .where('id', '=', messageId)
    .where('channel_id', '<>', channelId)
    .execute();
}

/** The latest Message-ID of this conversation's mail (ours or the customer's): our In-Reply-To. */
async function lastMailId(
  db: Kysely<DB>,
  messageId: string,
  emailChannelId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('messages as own', 'own.conversation_id', 'm.conversation_id')
    .select('m.external_id')
    .where('own.id', '=', messageId)
    .where('m.channel_id', '=', emailChannelId)
    .where('m.external_id', 'like', '<%>')
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.external_id ?? undefined;
}

export async function prepareChatReply(
  db: Kysely<DB>,
  reply: OutboundReply,
  channel: ChannelContext,
): Promise<OutboundReply> {
  if (!reply.recipientExternalId) return reply;
  const visitor = await db
    .selectFrom('webchat_visitors')
    .select(['email', 'open_sockets', 'last_seen_at'])
    .where('channel_id', '=', channel.id)
    .where('visitor_id', '=', reply.recipientExternalId)
    .executeTakeFirst();
  if (!visitor?.email) return reply;
  const isOnline =
    visitor.open_sockets > 0 && Date.now() - visitor.last_seen_at.getTime() < VISITOR_ONLINE_MS;
  const route = isOnline ? undefined : await accountEmailChannel(db, channel);
  if (!route) {
    // A retry after the visitor came back goes to the socket again.
    await recordRoute(db, reply.messageId, channel.id);
    if (isOnline || typeof channel.settings.smtpHost !== 'string') return reply;
  }
  const chatName = typeof channel.settings.fromName === 'string' ? channel.settings.fromName : undefined;
  const subject = `Your chat with ${chatName ?? route?.fromName ?? 'us'}`;
  if (!route) return { ...reply, fallbackEmail: visitor.email, subject };
  await recordRoute(db, reply.messageId, route.id);
  const { replyToExternalId: _chatMessage, ...rest } = reply;
  const inReplyTo = await lastMailId(db, reply.messageId, route.id);
  return {
    ...rest,
    viaChannelId: route.id,
    recipientExternalId: visitor.email,
    subject,
    ...(inReplyTo ? { replyToExternalId: inReplyTo } : {}),
  };
}
