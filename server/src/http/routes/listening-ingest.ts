import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { adapterFor } from '../../channels/index.ts';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { ServerContext } from '../context.ts';

/**
 * The listening stream of a channel: public posts that were not addressed to the brand, in X API
 * v2 post format (filtered stream or search page), signed like the channel's own webhooks. As
 * with webhooks, the raw body is stored before the 200 and processed by the listening worker;
 * an identical redelivery is a no-op, and a post seen again is one mention.
 */
export async function listeningIngestRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: ctx.config.WEBHOOK_BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  app.post('/webhooks/listening/:channelId', { config: { access: 'public' } }, async (request, reply) => {
    const { channelId } = request.params as { channelId: string };
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const channel = isUuid(channelId) ? await ctx.channels.context(ctx.db.kysely, channelId) : null;
    const adapter = channel ? adapterFor(channel.provider) : undefined;
    if (!channel || !adapter) throw new AppError('channel_not_found');
    const req = {
      rawBody,
      headers: request.headers,
      query: request.query as Record<string, string | undefined>,
    };
    if (!adapter.verifySignature(req, channel)) {
      throw new AppError('invalid_signature', 'Listening stream signature is missing or wrong');
    }
    const body = rawBody.toString('utf8');
    try {
      JSON.parse(body);
    } catch {
      throw new AppError('invalid_json', 'Listening delivery is not valid JSON');
    }
    const inserted = await ctx.db.kysely
      .insertInto('listening_deliveries')
      .values({
        account_id: channel.accountId,
        channel_id: channel.id,
        event_key: createHash('sha256').update(rawBody).digest('hex'),
        body,
        received_at: ctx.clock(),
        next_attempt_at: ctx.clock(),
      })
      .onConflict((oc) => oc.columns(['channel_id', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) ctx.kickListening?.();
    return reply.status(200).send({ ok: true, duplicate: !inserted });
  });
}
