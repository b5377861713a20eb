import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { pendingMigrations } from '../db/index.ts';
import type { ServerContext } from './context.ts';

export async function opsRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.db.kysely);
      const pending = await pendingMigrations(ctx.db);
      if (pending.length > 0) return reply.status(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready', engine: ctx.db.engine };
    } catch {
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });

  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const queue = await ctx.db.kysely
      .selectFrom('inbound_events')
      .select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min('received_at').as('oldest')])
      .where('status', '=', 'pending')
      .executeTakeFirst();
    ctx.metrics.queueDepth.set(Number(queue?.depth ?? 0));
    const oldest = queue?.oldest ? new Date(queue.oldest as unknown as string) : null;
    ctx.metrics.queueLag.set(oldest ? Math.max(0, (ctx.clock().getTime() - oldest.getTime()) / 1000) : 0);
    const [latest, cursors] = await Promise.all([
      ctx.db.kysely
        .selectFrom('conversation_activity')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst(),
      ctx.db.kysely.selectFrom('activity_cursors').select(['consumer', 'last_id']).execute(),
    ]);
    for (const cursor of cursors)
      ctx.metrics.followerLag.set(
        { consumer: cursor.consumer },
        Math.max(0, Number(latest?.id ?? 0) - Number(cursor.last_id)),
      );
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
