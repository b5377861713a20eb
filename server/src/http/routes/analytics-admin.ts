import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  eventDto,
  loadAnalyticsSettings,
  saveAnalyticsSettings,
  saveWebhookSubscription,
  WEBHOOK_EVENT_KINDS,
} from '../../analytics/index.ts';
import { AppError } from '../../errors/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';

const Money = Type.Number({ minimum: 0, maximum: 1_000_000 });
const SettingsBody = Type.Object(
  {
    fcrWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
    loadedHourlyCost: Type.Optional(Money),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    referenceCosts: Type.Optional(
      Type.Object(
        { phone: Type.Optional(Money), email: Type.Optional(Money), chat: Type.Optional(Money) },
        { additionalProperties: false },
      ),
    ),
    csat: Type.Optional(
      Type.Object(
        {
          isEnabled: Type.Optional(Type.Boolean()),
          question: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          answerWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const WebhookBody = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    secret: Type.String({ minLength: 16, maxLength: 200 }),
    kinds: Type.Optional(
      Type.Array(Type.Union(WEBHOOK_EVENT_KINDS.map((k) => Type.Literal(k))), { maxItems: 20 }),
    ),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export async function analyticsAdminRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/analytics/settings',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['analytics'], summary: 'FCR window, agent cost, reference costs, CSAT survey' },
    },
    async (request) => loadAnalyticsSettings(db, principalOf(request).accountId),
  );

  app.put(
    '/analytics/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: 'Change analytics settings (merged over the stored ones)',
        body: SettingsBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return db
        .transaction()
        .execute((trx) =>
          saveAnalyticsSettings(
            trx,
            principal.accountId,
            request.body as Parameters<typeof saveAnalyticsSettings>[2],
          ),
        );
    },
  );

  app.get(
    '/analytics/webhook',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: 'The outgoing webhook for report-worthy events (secret never shown)',
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await db
        .selectFrom('analytics_webhooks')
        .select(['url', 'kinds', 'is_active', 'updated_at'])
        .where('account_id', '=', principal.accountId)
        .executeTakeFirst();
      return {
        webhook: row
          ? {
              url: row.url,
              kinds: row.kinds.length > 0 ? row.kinds : [...WEBHOOK_EVENT_KINDS],
              isActive: row.is_active,
              updatedAt: row.updated_at.toISOString(),
            }
          : null,
        availableKinds: WEBHOOK_EVENT_KINDS,
      };
    },
  );

  app.put(
    '/analytics/webhook',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: 'Subscribe a URL to report-worthy events, signed with HMAC-SHA256 over "timestamp.body"',
        body: WebhookBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as { url: string; secret: string; kinds?: string[]; isActive?: boolean };
      await saveWebhookSubscription(db, {
        accountId: principal.accountId,
        url: body.url,
        secret: body.secret,
        kinds: body.kinds ?? [],
        isActive: body.isActive ?? true,
        secretKey: ctx.secretKey,
        now: ctx.clock(),
      });
      return { ok: true };
    },
  );

  app.delete(
    '/analytics/webhook',
    { config: { access: 'admin' }, schema: { tags: ['analytics'], summary: 'Remove the analytics webhook' } },
    async (request) => {
      const principal = principalOf(request);
      await db.deleteFrom('analytics_webhooks').where('account_id', '=', principal.accountId).execute();
      return { ok: true };
    },
  );

  app.get(
    '/analytics/webhook/deliveries',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: 'Recent webhook deliveries, newest first, with their status and last error',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit } = request.query as { limit?: number };
      const rows = await db
        .selectFrom('analytics_webhook_deliveries')
        .select([
          'id',
          'event_id',
          'status',
          'attempts',
          'last_status',
          'last_error',
          'next_attempt_at',
          'created_at',
        ])
        .where('account_id', '=', principal.accountId)
        .orderBy('id', 'desc')
        .limit(limit ?? 100)
        .execute();
      return {
        deliveries: rows.map((r) => ({
          id: Number(r.id),
          eventId: Number(r.event_id),
          status: r.status,
          attempts: r.attempts,
          lastStatus: r.last_status,
          lastError: r.last_error,
          nextAttemptAt: r.next_attempt_at.toISOString(),
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/analytics/events',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Reporting events after a cursor, oldest first (for BI tools that poll)',
        querystring: Type.Object(
          {
            afterId: Type.Optional(Type.Integer({ minimum: 0 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            kind: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const query = request.query as { afterId?: number; limit?: number; kind?: string };
      let q = db
        .selectFrom('analytics_events')
        .selectAll()
        .where('account_id', '=', principal.accountId)
        .where('id', '>', query.afterId ?? 0)
        .orderBy('id')
        .limit(query.limit ?? 200);
      if (query.kind) q = q.where('kind', '=', query.kind);
      const rows = await q.execute();
      if (rows.length === 0 && query.afterId === undefined && query.kind && !/^[a-z_]+$/.test(query.kind))
        throw new AppError('bad_request', 'Unknown event kind');
      return {
        events: rows.map(eventDto),
        nextAfterId: rows.length > 0 ? Number(rows[rows.length - 1]!.id) : (query.afterId ?? 0),
      };
    },
  );
}
