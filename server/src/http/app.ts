import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuth } from './auth.ts';
import type { ServerContext } from './context.ts';
import { registerErrorHandler } from './error-handler.ts';
import { opsRoutes } from './ops-routes.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { analyticsAdminRoutes } from './routes/analytics-admin.ts';
import { attachmentFileRoutes, attachmentRoutes } from './routes/attachments.ts';
import { authRoutes } from './routes/auth.ts';
import { channelRoutes } from './routes/channels.ts';
import { contactRoutes } from './routes/contacts.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { deskRoutes } from './routes/desk.ts';
import { listeningRoutes } from './routes/listening.ts';
import { listeningIngestRoutes } from './routes/listening-ingest.ts';
import { privateReplyRoutes } from './routes/private-replies.ts';
import { replyRoutes } from './routes/replies.ts';
import { routingRoutes } from './routes/routing.ts';
import { routingConfigRoutes } from './routes/routing-config.ts';
import { routingTeamRoutes } from './routes/routing-teams.ts';
import { streamRoutes } from './routes/stream.ts';
import { triageRoutes } from './routes/triage.ts';
import { userRoutes } from './routes/users.ts';
import { webchatRoutes } from './routes/webchat.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { wfmRoutes } from './routes/wfm.ts';
import { whatsappTemplateRoutes } from './routes/whatsapp-templates.ts';

export interface BuildAppOptions {
  /** Extra plugins (the web app's static files) registered after the API. */
  extend?: (app: FastifyInstance) => Promise<void>;
  logger?: boolean;
}

export async function buildApp(ctx: ServerContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.LOG_LEVEL,
            // Never log credentials; message text is not logged at any level by Parley's own code.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature-256"]'],
          },
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    bodyLimit: ctx.config.WEBHOOK_BODY_LIMIT_BYTES,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });

  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Parley API',
        version: '1',
        description:
          'Social customer care desk. Authenticate with the session cookie from POST /api/v1/auth/login or an API token as `Authorization: Bearer pat_…`. Errors always have the shape {"error":{"code","message","details"?}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'parley_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, ctx);

  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(opsRoutes, ctx);
  await app.register(webhookRoutes, ctx);
  await app.register(webchatRoutes, ctx);
  await app.register(listeningIngestRoutes, ctx);
  await app.register(attachmentFileRoutes, ctx);
  await app.register(
    async (api) => {
      await api.register(authRoutes, ctx);
      await api.register(userRoutes, ctx);
      await api.register(conversationRoutes, ctx);
      await api.register(replyRoutes, ctx);
      await api.register(attachmentRoutes, ctx);
      await api.register(contactRoutes, ctx);
      await api.register(channelRoutes, ctx);
      await api.register(privateReplyRoutes, ctx);
      await api.register(whatsappTemplateRoutes, ctx);
      await api.register(streamRoutes, ctx);
      await api.register(triageRoutes, ctx);
      await api.register(analyticsRoutes, ctx);
      await api.register(analyticsAdminRoutes, ctx);
      await api.register(deskRoutes, ctx);
      await api.register(listeningRoutes, ctx);
      await api.register(wfmRoutes, ctx);
      await api.register(routingRoutes, ctx);
      await api.register(routingTeamRoutes, ctx);
      await api.register(routingConfigRoutes, ctx);
    },
    { prefix: '/api/v1' },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  if (options.extend) await options.extend(app);
  await app.ready();
  return app;
}
