import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../accounts/index.ts';
import type { ChannelSecrets } from '../../channels/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Ok } from '../schemas.ts';

const Secrets = Type.Object(
  {
    signingSecret: Type.Optional(Type.String({ minLength: 8, maxLength: 500 })),
    verifyToken: Type.Optional(Type.String({ maxLength: 500 })),
    accessToken: Type.Optional(Type.String({ maxLength: 2000 })),
    imapPassword: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, description: 'Write-only: never returned' },
);
const Settings = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Provider settings, e.g. callbackUrl',
});

export async function channelRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get('/channels', { config: { access: 'member' }, schema: { tags: ['channels'] } }, async (request) => ({
    items: await ctx.channels.list(db, principalOf(request).accountId),
  }));

  app.get(
    '/channels/:id',
    { config: { access: 'member' }, schema: { tags: ['channels'], params: IdParams } },
    async (request) =>
      ctx.channels.get(db, principalOf(request).accountId, (request.params as { id: string }).id),
  );

  app.post(
    '/channels',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['channels'],
        summary: 'Connect a channel; the answer includes the webhook URL to give the platform',
        body: Type.Object({
          provider: Type.String({ minLength: 1, maxLength: 40 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          settings: Type.Optional(Settings),
          secrets: Type.Optional(Secrets),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body as {
        provider: string;
        name: string;
        settings?: Record<string, unknown>;
        secrets?: ChannelSecrets;
      };
      const channel = await db.transaction().execute((trx) =>
        ctx.channels.create(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          provider: body.provider,
          name: body.name,
          settings: body.settings ?? {},
          secrets: body.secrets ?? {},
          now: ctx.clock(),
        }),
      );
      reply.status(201);
      return channel;
    },
  );

  app.patch(
    '/channels/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['channels'],
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          settings: Type.Optional(Settings),
          secrets: Type.Optional(Secrets),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as {
        name?: string;
        settings?: Record<string, unknown>;
        secrets?: ChannelSecrets;
      };
      return db.transaction().execute((trx) =>
        ctx.channels.update(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          channelId: (request.params as { id: string }).id,
          name: body.name,
          settings: body.settings,
          secrets: body.secrets,
          now: ctx.clock(),
        }),
      );
    },
  );

  app.delete(
    '/channels/:id',
    { config: { access: 'admin' }, schema: { tags: ['channels'], params: IdParams, response: { 200: Ok } } },
    async (request) => {
      const principal = principalOf(request);
      await db.transaction().execute((trx) =>
        ctx.channels.remove(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          channelId: (request.params as { id: string }).id,
          now: ctx.clock(),
        }),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/inbound-events/dead',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['channels'],
        summary: 'Deliveries parked after failing, with their error',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      },
    },
    async (request) => {
      const rows = await db
        .selectFrom('inbound_events')
        .select(['id', 'channel_id', 'provider', 'attempts', 'last_error', 'received_at', 'body'])
        .where('account_id', '=', principalOf(request).accountId)
        .where('status', '=', 'dead')
        .orderBy('id', 'desc')
        .limit((request.query as { limit?: number }).limit ?? 100)
        .execute();
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          channelId: r.channel_id,
          provider: r.provider,
          attempts: r.attempts,
          error: r.last_error,
          receivedAt: r.received_at.toISOString(),
          body: r.body,
        })),
      };
    },
  );

  app.post(
    '/inbound-events/:id/replay',
    {
      config: { access: 'admin' },
      schema: { tags: ['channels'], summary: 'Queue a dead delivery for processing again', params: IdParams },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      if (!/^\d{1,18}$/.test(id)) throw new AppError('event_not_found');
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('inbound_events')
          .set({ status: 'pending', attempts: 0, next_attempt_at: ctx.clock(), last_error: null })
          .where('account_id', '=', principal.accountId)
          .where('id', '=', Number(id) as never)
          .where('status', '=', 'dead')
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n)
          throw new AppError('event_not_found', 'No dead event with this id');
        await recordAudit(trx, {
          accountId: principal.accountId,
          actorUserId: principal.userId,
          action: 'inbound_event.replayed',
          targetType: 'inbound_event',
          targetId: id,
        });
      });
      ctx.kickInbound();
      return { ok: true as const };
    },
  );
}
