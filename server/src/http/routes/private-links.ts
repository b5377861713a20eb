import type { Kysely, Selectable } from 'kysely';
import type { ConversationLinksTable, DB } from '../../db/index.ts';

// Public → private → public: which private conversation a public thread continued in. The link is
// made when the agent invites the customer to continue in private, and resolved when the private
// conversation shows up: on X and Instagram DMs thread into the same conversation (same customer,
// same channel); a Facebook comment's private reply continues in Messenger, found by the echo of
// the private reply that Meta delivers to the Messenger channel.

export type LinkRow = Selectable<ConversationLinksTable>;

export interface LinkDto {
  id: string;
  status: 'invited' | 'linked' | 'closed';
  publicConversationId: string;
  publicChannelId: string;
  publicExternalId: string | null;
  privateChannelId: string;
  privateConversationId: string | null;
  privateConversationStatus: string | null;
  inviteMessageId: string | null;
  privateMessageId: string | null;
  closingMessageId: string | null;
  /** The agent may post the closing public reply: the private conversation is resolved and no closing reply was sent. */
  canClose: boolean;
  createdAt: string;
}

/** Find the private conversation of an invited link, once the customer (or Meta's echo) shows up there. */
async function resolvePrivateConversation(db: Kysely<DB>, link: LinkRow): Promise<string | null> {
  if (link.private_conversation_id) return link.private_conversation_id;
  if (link.private_channel_id === link.public_channel_id) return link.public_conversation_id;
  if (link.private_message_id) {
    const sent = await db
      .selectFrom('messages')
      .select('external_id')
      .where('id', '=', link.private_message_id)
      .executeTakeFirst();
    if (sent?.external_id) {
      const echo = await db
        .selectFrom('messages')
        .select('conversation_id')
        .where('account_id', '=', link.account_id)
        .where('channel_id', '=', link.private_channel_id)
        .where('external_id', '=', sent.external_id)
        .executeTakeFirst();
      if (echo) return echo.conversation_id;
    }
  }
  if (link.private_external_user_id) {
    const provider = await db
      .selectFrom('channels')
      .select('provider')
      .where('id', '=', link.private_channel_id)
      .executeTakeFirst();
    const found = await db
      .selectFrom('conversations as c')
      .innerJoin('contact_identities as ci', 'ci.contact_id', 'c.contact_id')
      .select('c.id')
      .where('c.account_id', '=', link.account_id)
      .where('c.channel_id', '=', link.private_channel_id)
      .where('ci.provider', '=', provider?.provider ?? '')
      .where('ci.external_user_id', '=', link.private_external_user_id)
      .where('c.created_at', '>=', link.created_at)
      .orderBy('c.created_at')
      .executeTakeFirst();
    if (found) return found.id;
  }
  return null;
}

/** The link as the agent sees it, resolving (and recording) the private conversation when it appeared. */
export async function linkDto(db: Kysely<DB>, link: LinkRow, now: Date): Promise<LinkDto> {
  const privateId = await resolvePrivateConversation(db, link);
  let status = link.status;
  if (privateId && !link.private_conversation_id) {
    status = link.status === 'invited' ? 'linked' : link.status;
    await db
      .updateTable('conversation_links')
      .set({ private_conversation_id: privateId, status, updated_at: now })
      .where('id', '=', link.id)
      .execute();
  }
  const privateConversation = privateId
    ? await db.selectFrom('conversations').select('status').where('id', '=', privateId).executeTakeFirst()
    : undefined;
  const privateStatus = privateConversation?.status ?? null;
  return {
    id: link.id,
    status,
    publicConversationId: link.public_conversation_id,
    publicChannelId: link.public_channel_id,
    publicExternalId: link.public_external_id,
    privateChannelId: link.private_channel_id,
    privateConversationId: privateId,
    privateConversationStatus: privateStatus,
    inviteMessageId: link.invite_message_id,
    privateMessageId: link.private_message_id,
    closingMessageId: link.closing_message_id,
    canClose: status !== 'closed' && (privateStatus === 'resolved' || privateStatus === 'closed'),
    createdAt: link.created_at.toISOString(),
  };
}

/** Links where the conversation is the public or the private side, newest first. */
export async function linksOfConversation(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  now: Date,
): Promise<LinkDto[]> {
  const rows = await db
    .selectFrom('conversation_links')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('public_conversation_id', '=', conversationId),
        eb('private_conversation_id', '=', conversationId),
      ]),
    )
    .orderBy('created_at', 'desc')
    .execute();
  const links = await Promise.all(rows.map((row) => linkDto(db, row, now)));
  // Invited links of other conversations that now resolve to this one (Messenger side).
  const open = await db
    .selectFrom('conversation_links')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('private_conversation_id', 'is', null)
    .where('public_conversation_id', '!=', conversationId)
    .execute();
  for (const row of open) {
    const dto = await linkDto(db, row, now);
    if (dto.privateConversationId === conversationId) links.push(dto);
  }
  return links;
}
