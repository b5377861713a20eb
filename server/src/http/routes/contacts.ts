import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { getContact, mergeContacts, searchContacts } from '../../inbox/index.ts';
import { appendRealtimeEvents, conversationUpdated } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

export async function contactRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/contacts',
    {
      config: { access: 'member' },
      schema: {
        tags: ['contacts'],
        summary: 'Search contacts by name, email, phone, handle',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (request) => ({
      items: await searchContacts(db, principalOf(request).accountId, (request.query as { q: string }).q),
    }),
  );

  app.get(
    '/contacts/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['contacts'],
        summary: 'A contact with identities and past conversations',
        params: IdParams,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new AppError('contact_not_found');
      return getContact(db, principalOf(request).accountId, id);
    },
  );

  app.post(
    '/contacts/:id/merge',
    {
      config: { access: 'member' },
      schema: {
        tags: ['contacts'],
        summary: 'Merge another contact into this one (identities, conversations and notes move here)',
        params: IdParams,
        body: Type.Object({ otherContactId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { otherContactId } = request.body as { otherContactId: string };
      if (!isUuid(id) || !isUuid(otherContactId)) throw new AppError('contact_not_found');
      await db.transaction().execute(async (trx) => {
        await mergeContacts(trx, principal.accountId, id, otherContactId, ctx.clock());
        // Every desk showing one of the customer's conversations shows the merged contact now.
        const conversations = await trx
          .selectFrom('conversations')
          .select('id')
          .where('account_id', '=', principal.accountId)
          .where('contact_id', '=', id)
          .execute();
        await appendRealtimeEvents(
          trx,
          conversations.map((c) => conversationUpdated(principal.accountId, c.id)),
        );
      });
      await ctx.hub.announce();
      return getContact(db, principal.accountId, id);
    },
  );
}
