import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { enqueueReply } from '../../channels/index.ts';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  parameterProblems,
  renderTemplateBody,
  type TemplateInput,
  updateTemplate,
} from '../../channels/templates/index.ts';
import { lockConversation, needsApproval } from '../../desk/index.ts';
import { AppError } from '../../errors/index.ts';
import { createReply, toMessageDto } from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';
import { answerReply, holdForApproval } from './reply-outcome.ts';

const TemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 512, description: 'As approved, e.g. order_update' }),
  language: Type.String({ minLength: 2, maxLength: 12, description: 'WhatsApp language code, e.g. en_US' }),
  body: Type.String({ minLength: 1, maxLength: 2000, description: 'Approved body text with {{1}}, {{2}}…' }),
});

export async function whatsappTemplateRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/channels/:id/whatsapp-templates',
    {
      config: { access: 'member' },
      schema: {
        tags: ['channels'],
        summary: 'Approved WhatsApp templates of this channel',
        params: IdParams,
      },
    },
    async (request) => ({
      items: await listTemplates(db, principalOf(request).accountId, (request.params as { id: string }).id),
    }),
  );

  app.post(
    '/channels/:id/whatsapp-templates',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['channels'],
        summary: 'List a template approved in WhatsApp Manager so agents can send it',
        params: IdParams,
        body: TemplateBody,
      },
    },
    async (request, reply) => {
      const template = await createTemplate(db, {
        ...(request.body as TemplateInput),
        accountId: principalOf(request).accountId,
        channelId: (request.params as { id: string }).id,
        now: ctx.clock(),
      });
      reply.status(201);
      return { template };
    },
  );

  app.put(
    '/whatsapp-templates/:id',
    { config: { access: 'admin' }, schema: { tags: ['channels'], params: IdParams, body: TemplateBody } },
    async (request) => ({
      template: await updateTemplate(db, {
        ...(request.body as TemplateInput),
        accountId: principalOf(request).accountId,
        id: (request.params as { id: string }).id,
        now: ctx.clock(),
      }),
    }),
  );

  app.delete(
    '/whatsapp-templates/:id',
    { config: { access: 'admin' }, schema: { tags: ['channels'], params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await deleteTemplate(db, principalOf(request).accountId, (request.params as { id: string }).id);
      return { ok: true as const };
    },
  );

  app.post(
    '/conversations/:id/template-replies',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'Send an approved WhatsApp template (allowed inside and outside the 24-hour window); the timeline keeps the rendered text and the template. 202 with the approval when the author’s replies wait for a supervisor',
        params: IdParams,
        body: Type.Object({
          templateId: Type.String({ maxLength: 64 }),
          parameters: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 }),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { templateId: string; parameters: string[] };
      const template = await getTemplate(db, principal.accountId, body.templateId);
      const problems = parameterProblems(template.body, body.parameters);
      if (problems.length > 0)
        throw new AppError('validation_failed', 'Invalid template parameters', problems);
      const now = ctx.clock();
      const result = await db.transaction().execute(async (trx) => {
        const conversation = await lockConversation(trx, principal.accountId, id);
        if (conversation.channel_id !== template.channelId) {
          throw new AppError('bad_request', 'This template belongs to another WhatsApp channel');
        }
        // Held for a supervisor like any reply, keeping the template so it goes out as one.
        if (await needsApproval(trx, { ...principal, isPublic: false })) {
          return holdForApproval(trx, {
            accountId: principal.accountId,
            conversationId: id,
            userId: principal.userId,
            text: renderTemplateBody(template.body, body.parameters),
            isPublic: false,
            template: {
              templateId: template.id,
              name: template.name,
              language: template.language,
              parameters: body.parameters,
            },
            now,
          });
        }
        const created = await createReply(trx, {
          accountId: principal.accountId,
          conversationId: id,
          userId: principal.userId,
          text: renderTemplateBody(template.body, body.parameters),
          isPublic: false,
          now,
        });
        const metadata = {
          template: { name: template.name, language: template.language, parameters: body.parameters },
          templateId: template.id,
        };
        await trx
          .updateTable('messages')
          .set({ metadata: JSON.stringify(metadata) })
          .where('id', '=', created.message.id)
          .execute();
        await enqueueReply(trx, {
          accountId: principal.accountId,
          messageId: created.message.id,
          channelId: created.channelId,
          now,
        });
        const dto = toMessageDto({ ...created.message, metadata });
        await publishConversation(trx, principal.accountId, id, [
          { type: 'message.created', payload: { message: dto } },
        ]);
        return { message: dto } as const;
      });
      return answerReply(ctx, reply, result);
    },
  );
}
