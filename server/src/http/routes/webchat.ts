import type { FastifyInstance } from 'fastify';
import { DeliveryWriter } from '../../channels/pipeline/group-insert.ts';
import { serveVisitor, type VisitorQuery, WIDGET_SCRIPT } from '../../channels/webchat/index.ts';
import type { ServerContext } from '../context.ts';

/** The web chat widget and its visitors' socket: public by design, checked per channel (origin, identity). */
export async function webchatRoutes(app: FastifyInstance, ctx: ServerContext) {
  const writer = new DeliveryWriter(ctx.db);

  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*');
    return WIDGET_SCRIPT;
  });

  app.get(
    '/webchat/:channelId',
    { websocket: true, config: { access: 'public' }, schema: { hide: true } },
    async (socket, request) => {
      const { channelId } = request.params as { channelId: string };
      const raw = request.query as Record<string, unknown>;
      const query: VisitorQuery = {};
      for (const key of ['visitorId', 'token', 'userId', 'userHash', 'name', 'pageUrl'] as const) {
        const value = raw[key];
        if (typeof value === 'string') query[key] = value;
      }
      const channel = await ctx.channels.context(ctx.db.kysely, channelId);
      await serveVisitor(
        socket,
        channel,
        { origin: request.headers.origin, query },
        {
          db: ctx.db,
          metrics: ctx.metrics,
          writer,
          clock: ctx.clock,
          hub: ctx.hub,
          onStored: ctx.kickInbound,
        },
      );
    },
  );
}
