import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  answerHandshake,
  DeliveryWriter,
  receiveWebhook,
  type WebhookRequest,
} from '../../channels/index.ts';
import { AppError } from '../../errors/index.ts';
import type { ServerContext } from '../context.ts';

function toWebhookRequest(request: FastifyRequest): WebhookRequest {
  return {
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    headers: request.headers,
    query: request.query as Record<string, string | undefined>,
  };
}

/**
 * Platform webhooks. The body stays raw bytes: signatures are computed over exactly what was sent.
 * Order of checks: unknown channel 404, bad signature 401, malformed JSON 400, then store and 200.
 */
export async function webhookRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: ctx.config.WEBHOOK_BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  const deps = {
    writer: new DeliveryWriter(ctx.db),
    db: ctx.db,
    channels: ctx.channels,
    metrics: ctx.metrics,
    onStored: () => ctx.kickInbound(),
  };

  app.get('/webhooks/:provider/:channelId', { config: { access: 'public' } }, async (request, reply) => {
    const { provider, channelId } = request.params as { provider: string; channelId: string };
    const answer = await answerHandshake(deps, provider, channelId, toWebhookRequest(request));
    return reply.status(answer.status).type(answer.contentType).send(answer.body);
  });

  app.post('/webhooks/:provider/:channelId', { config: { access: 'public' } }, async (request, reply) => {
    const { provider, channelId } = request.params as { provider: string; channelId: string };
    const req = toWebhookRequest(request);
    await receiveWebhookChecked(deps, provider, channelId, req);
    return reply.status(200).send({ ok: true });
  });
}

async function receiveWebhookChecked(
  deps: Parameters<typeof receiveWebhook>[0],
  provider: string,
  channelId: string,
  req: WebhookRequest,
) {
  const contentType = String(req.headers['content-type'] ?? '');
  const isJson = contentType === '' || contentType.includes('json');
  return receiveWebhook(deps, provider, channelId, req, () => {
    if (!isJson) return;
    try {
      JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      throw new AppError('invalid_json', 'Webhook body is not valid JSON');
    }
  });
}
