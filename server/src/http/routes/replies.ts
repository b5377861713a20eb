import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { attachableFiles, attachToReply } from '../../attachments/index.ts';
import { enqueueReply, refuseUnsendable } from '../../channels/index.ts';
import { lockConversation, messagesSince, needsApproval } from '../../desk/index.ts';
import { AppError } from '../../errors/index.ts';
import { createReply, getConversation, toMessageDto } from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';
import { answerReply, holdForApproval } from './reply-outcome.ts';

/**
 * An agent's reply in the conversation's channel: refused when the platform would refuse it, held
 * when the author needs approval, otherwise stored and queued for the outbox.
 */
export async function replyRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.post(
    '/conversations/:id/replies',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Reply in the conversation’s channel: stored as queued and sent through the outbox (201), or held for a supervisor when the author needs approval (202). With expectedLastMessageId, answers 409 with the messages that landed since.',
        params: IdParams,
        body: Type.Object({
          text: Type.String({ maxLength: 20_000, description: 'May be empty only when files are attached' }),
          isPublic: Type.Optional(Type.Boolean()),
          expectedLastMessageId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
          attachmentIds: Type.Optional(
            Type.Array(Type.String({ maxLength: 64 }), {
              maxItems: 10,
              description: 'Files uploaded with POST /conversations/:id/attachments',
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as {
        text: string;
        isPublic?: boolean;
        expectedLastMessageId?: string | null;
        attachmentIds?: string[];
      };
      const attachmentIds = body.attachmentIds ?? [];
      if (body.text === '' && attachmentIds.length === 0) {
        throw new AppError('validation_failed', 'Invalid body', [
          { field: 'text', message: 'must not be empty unless files are attached' },
        ]);
      }
      await getConversation(db, principal.accountId, id); // 404 before anything is written
      const result = await db.transaction().execute(async (trx) => {
        const conversation = await lockConversation(trx, principal.accountId, id);
        if (body.expectedLastMessageId !== undefined) {
          const newMessages = await messagesSince(trx, id, body.expectedLastMessageId);
          if (newMessages.length > 0) {
            throw new AppError('conflict', 'New messages arrived since you loaded the conversation', {
              reason: 'new_messages',
              latestMessageId: newMessages[newMessages.length - 1]!.id,
              newMessages,
            });
          }
        }
        const isPublic = body.isPublic ?? conversation.is_public;
        if (await needsApproval(trx, { ...principal, isPublic })) {
          // Files are checked now (the channel takes them, they are this conversation's uploads)
          // and travel with the held reply.
          await attachableFiles(trx, {
            accountId: principal.accountId,
            conversationId: id,
            channelId: conversation.channel_id,
            attachmentIds,
          });
          return holdForApproval(trx, {
            accountId: principal.accountId,
            conversationId: id,
            userId: principal.userId,
            text: body.text,
            isPublic,
            attachmentIds: [...new Set(attachmentIds)],
            now: ctx.clock(),
          });
        }
        const created = await createReply(trx, {
          accountId: principal.accountId,
          conversationId: id,
          userId: principal.userId,
          text: body.text,
          ...(body.isPublic !== undefined ? { isPublic: body.isPublic } : {}),
          now: ctx.clock(),
        });
        // Too long for the channel or outside its messaging window: refused now, nothing kept.
        await refuseUnsendable(trx, ctx.channels, {
          messageId: created.message.id,
          channelId: created.channelId,
          now: ctx.clock(),
        });
        await enqueueReply(trx, {
          accountId: principal.accountId,
          messageId: created.message.id,
          channelId: created.channelId,
          now: ctx.clock(),
        });
        const message = await attachToReply(trx, {
          accountId: principal.accountId,
          conversationId: id,
          message: created.message,
          attachmentIds,
        });
        const dto = toMessageDto(message);
        await publishConversation(trx, principal.accountId, id, [
          { type: 'message.created', payload: { message: dto } },
        ]);
        return { message: dto } as const;
      });
      return answerReply(ctx, reply, result);
    },
  );
}
