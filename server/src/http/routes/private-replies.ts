import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { adapterFor, enqueueReply, ReplyRefused } from '../../channels/index.ts';
import { type DB, isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { createReply, toMessageDto } from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';
import { type LinkRow, linkDto, linksOfConversation } from './private-links.ts';

// "Continue in private": from a public comment or post, the agent answers publicly (optional) and
// privately (Meta private reply to the comment, an X DM with a deep link in the public reply); the
// private conversation is linked to the public one, and once it is resolved the agent can post a
// closing public reply under the original post.

const PRIVATE_CAPABLE = new Set(['facebook', 'instagram', 'x']);

export function xDmDeepLink(brandUserId: string): string {
  return `https://x.com/messages/compose?recipient_id=${encodeURIComponent(brandUserId)}`;
}

interface PublicThread {
  conversationId: string;
  channelId: string;
  provider: string;
  settings: Record<string, unknown>;
  /** The customer's last public message (comment or post) and its author. */
  externalId: string;
  authorExternalId: string | null;
  lastCustomerMessageAt: Date | null;
}

async function publicThread(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<PublicThread> {
  if (!isUuid(conversationId)) throw new AppError('conversation_not_found');
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select([
      'c.id',
      'c.channel_id',
      'c.contact_id',
      'c.last_customer_message_at',
      'ch.provider',
      'ch.settings',
    ])
    .where('c.account_id', '=', accountId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) throw new AppError('conversation_not_found');
  if (!PRIVATE_CAPABLE.has(row.provider)) {
    throw new AppError(
      'bad_request',
      `Continue in private works from Facebook, Instagram and X posts, not ${row.provider}`,
    );
  }
  const last = await db
    .selectFrom('messages')
    .select(['external_id'])
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .where('is_public', '=', true)
    .where('external_id', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last?.external_id)
    throw new AppError('bad_request', 'This conversation has no public message from the customer');
  const identity = await db
    .selectFrom('contact_identities')
    .select('external_user_id')
    .where('account_id', '=', accountId)
    .where('contact_id', '=', row.contact_id)
    .where('provider', '=', row.provider)
    .executeTakeFirst();
  return {
    conversationId: row.id,
    channelId: row.channel_id,
    provider: row.provider,
    settings: row.settings,
    externalId: last.external_id,
    authorExternalId: identity?.external_user_id ?? null,
    lastCustomerMessageAt: row.last_customer_message_at,
  };
}

/** The Messenger channel of the same page, where a Facebook private reply continues. */
async function messengerChannelFor(db: Kysely<DB>, accountId: string, thread: PublicThread): Promise<string> {
  const channels = await db
    .selectFrom('channels')
    .select(['id', 'settings'])
    .where('account_id', '=', accountId)
    .where('provider', '=', 'messenger')
    .where('is_active', '=', true)
    .execute();
  const pageId = thread.settings.pageId;
  const samePage = channels.find((c) => pageId !== undefined && c.settings.pageId === pageId) ?? channels[0];
  return samePage?.id ?? thread.channelId;
}

export async function privateReplyRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.post(
    '/conversations/:id/continue-in-private',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Answer a public post in private: optional public reply inviting a DM, private reply (Meta private reply to the comment, X DM), linked conversations',
        params: IdParams,
        body: Type.Object({
          privateText: Type.String({ minLength: 1, maxLength: 20_000 }),
          publicText: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { privateText: string; publicText?: string };
      const thread = await publicThread(db, principal.accountId, id);
      const channel = await ctx.channels.context(db, thread.channelId);
      const adapter = adapterFor(thread.provider);
      if (!channel || !adapter) throw new AppError('channel_not_found');
      const now = ctx.clock();
      let publicText = body.publicText;
      if (publicText && thread.provider === 'x' && typeof thread.settings.userId === 'string') {
        const link = xDmDeepLink(thread.settings.userId);
        if (!publicText.includes(link)) publicText = `${publicText} ${link}`;
      }
      const isCommentReply = thread.provider !== 'x';
      const privateMetadata = isCommentReply ? { privateReplyToCommentId: thread.externalId } : {};
      // Check both messages with the platform's rules first: refused means nothing is stored.
      const lastCustomerMessageAt = thread.lastCustomerMessageAt?.toISOString();
      const dryRun = (text: string, isPublic: boolean) =>
        adapter.buildSend(
          {
            messageId: '00000000-0000-4000-8000-000000000000',
            text,
            isPublic,
            replyToExternalId: thread.externalId,
            ...(thread.authorExternalId ? { recipientExternalId: thread.authorExternalId } : {}),
            ...(lastCustomerMessageAt ? { lastCustomerMessageAt } : {}),
            ...privateMetadata,
          },
          channel,
          now,
        );
      try {
        if (publicText) dryRun(publicText, true);
        dryRun(body.privateText, false);
      } catch (error) {
        if (error instanceof ReplyRefused)
          throw new AppError('reply_refused', error.message, { code: error.code });
        throw error;
      }
      const privateChannelId =
        thread.provider === 'facebook'
          ? await messengerChannelFor(db, principal.accountId, thread)
          : thread.channelId;
      const result = await db.transaction().execute(async (trx) => {
        const created = [];
        let inviteId: string | null = null;
        if (publicText) {
          const invite = await createReply(trx, {
            accountId: principal.accountId,
            conversationId: id,
            userId: principal.userId,
            text: publicText,
            isPublic: true,
            now,
          });
          await trx
            .updateTable('messages')
            .set({ reply_to_external_id: thread.externalId })
            .where('id', '=', invite.message.id)
            .execute();
          inviteId = invite.message.id;
          created.push({ ...invite.message, reply_to_external_id: thread.externalId });
        }
        const privateReply = await createReply(trx, {
          accountId: principal.accountId,
          conversationId: id,
          userId: principal.userId,
          text: body.privateText,
          isPublic: false,
          now,
        });
        const metadata = { ...privateMetadata, continuesInPrivate: true };
        await trx
          .updateTable('messages')
          .set({ metadata: JSON.stringify(metadata), reply_to_external_id: thread.externalId })
          .where('id', '=', privateReply.message.id)
          .execute();
        created.push({ ...privateReply.message, metadata, reply_to_external_id: thread.externalId });
        for (const message of created) {
          await enqueueReply(trx, {
            accountId: principal.accountId,
            messageId: message.id,
            channelId: thread.channelId,
            now,
          });
        }
        const link = await trx
          .insertInto('conversation_links')
          .values({
            account_id: principal.accountId,
            public_conversation_id: id,
            public_channel_id: thread.channelId,
            public_external_id: thread.externalId,
            private_channel_id: privateChannelId,
            private_external_user_id: thread.provider === 'facebook' ? null : thread.authorExternalId,
            invite_message_id: inviteId,
            private_message_id: privateReply.message.id,
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const dtos = created.map(toMessageDto);
        await publishConversation(
          trx,
          principal.accountId,
          id,
          dtos.map((message) => ({ type: 'message.created', payload: { message } })),
        );
        return { link, messages: dtos };
      });
      await ctx.hub.announce();
      ctx.kickOutbox();
      reply.status(201);
      return { link: await linkDto(db, result.link, now), messages: result.messages };
    },
  );

  app.get(
    '/conversations/:id/private-links',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Public ↔ private links of this conversation (either side), with the private side resolved',
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new AppError('conversation_not_found');
      return { items: await linksOfConversation(db, principal.accountId, id, ctx.clock()) };
    },
  );

  app.post(
    '/private-links/:id/close',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Post the closing public reply under the original post once the private conversation is resolved',
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { text } = request.body as { text: string };
      if (!isUuid(id)) throw new AppError('not_found', 'No such private link');
      const row: LinkRow | undefined = await db
        .selectFrom('conversation_links')
        .selectAll()
        .where('account_id', '=', principal.accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No such private link');
      const now = ctx.clock();
      const link = await linkDto(db, row, now);
      if (link.status === 'closed')
        throw new AppError('conflict', 'The closing public reply was already posted');
      if (!link.canClose) {
        throw new AppError(
          'conflict',
          'Resolve the private conversation before posting the closing public reply',
        );
      }
      const channel = await ctx.channels.context(db, row.public_channel_id);
      const adapter = channel ? adapterFor(channel.provider) : undefined;
      if (!channel || !adapter) throw new AppError('channel_not_found');
      try {
        adapter.buildSend(
          {
            messageId: '00000000-0000-4000-8000-000000000000',
            text,
            isPublic: true,
            ...(row.public_external_id ? { replyToExternalId: row.public_external_id } : {}),
          },
          channel,
          now,
        );
      } catch (error) {
        if (error instanceof ReplyRefused)
          throw new AppError('reply_refused', error.message, { code: error.code });
        throw error;
      }
      const message = await db.transaction().execute(async (trx) => {
        const created = await createReply(trx, {
          accountId: principal.accountId,
          conversationId: row.public_conversation_id,
          userId: principal.userId,
          text,
          isPublic: true,
          now,
        });
        await trx
          .updateTable('messages')
          .set({
            reply_to_external_id: row.public_external_id,
            metadata: JSON.stringify({ closesPrivateLink: row.id }),
          })
          .where('id', '=', created.message.id)
          .execute();
        await enqueueReply(trx, {
          accountId: principal.accountId,
          messageId: created.message.id,
          channelId: row.public_channel_id,
          now,
        });
        await trx
          .updateTable('conversation_links')
          .set({ status: 'closed', closing_message_id: created.message.id, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        const dto = toMessageDto({
          ...created.message,
          reply_to_external_id: row.public_external_id,
          metadata: { closesPrivateLink: row.id },
        });
        await publishConversation(trx, principal.accountId, row.public_conversation_id, [
          { type: 'message.created', payload: { message: dto } },
        ]);
        return dto;
      });
      await ctx.hub.announce();
      ctx.kickOutbox();
      reply.status(201);
      return { message, link: { ...link, status: 'closed', closingMessageId: message.id, canClose: false } };
    },
  );
}
