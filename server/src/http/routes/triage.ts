import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  correctMessageTriage,
  getConversation,
  latestCustomerText,
  listReplyPairs,
  listTriageCorrections,
  listTriagedOpenConversations,
  updateTriagedPriority,
} from '../../inbox/index.ts';
import { retrainAccountModel, retrainStatus } from '../../inbox/triage-retrain.ts';
import { appendRealtimeEvents, publishConversation } from '../../realtime/index.ts';
import {
  buildReplyIndex,
  computePriority,
  defaultTriageSettings,
  INTENT_LABELS,
  type ReplyIndex,
  suggestReplies,
  type TriageInput,
  type TriageResult,
  type TriageSettings,
} from '../../triage/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams } from '../schemas.ts';

// The tightest text limit of each provider's surfaces, so a suggestion fits wherever it is used.
const SUGGESTION_LIMITS: Record<string, number> = {
  x: 280,
  instagram: 1000,
  messenger: 2000,
  whatsapp: 4096,
  facebook: 8000,
  api: 10_000,
};

const Points = Type.Number({ minimum: -100, maximum: 100 });
const TriageSettingsBody = Type.Object(
  {
    ignoreReposts: Type.Optional(Type.Boolean()),
    ignoreLinkOnly: Type.Optional(Type.Boolean()),
    ignoreSpam: Type.Optional(Type.Boolean()),
    priority: Type.Optional(
      Type.Object({
        weights: Type.Optional(
          Type.Record(Type.String(), Type.Union([Points, Type.Record(Type.String(), Points)])),
        ),
        thresholds: Type.Optional(
          Type.Object({
            urgent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
            high: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
            normal: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          }),
        ),
      }),
    ),
  },
  { additionalProperties: false },
);

function mergeSettings(stored: Partial<TriageSettings>): TriageSettings {
  return {
    ...defaultTriageSettings,
    ...stored,
    priority: {
      weights: { ...defaultTriageSettings.priority.weights, ...stored.priority?.weights },
      thresholds: { ...defaultTriageSettings.priority.thresholds, ...stored.priority?.thresholds },
    },
  };
}

export async function triageRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  const storedSettings = async (accountId: string, from: Kysely<DB> = db) => {
    const row = await from
      .selectFrom('accounts')
      .select('settings')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    return (row.settings.triage ?? {}) as Partial<TriageSettings>;
  };

  app.get(
    '/settings/triage',
    {
      config: { access: 'member' },
      schema: { tags: ['triage'], summary: 'Effective triage and priority settings' },
    },
    async (request) => mergeSettings(await storedSettings(principalOf(request).accountId)),
  );

  app.put(
    '/settings/triage',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['triage'],
        summary:
          'Change priority weights, thresholds and what is not a case; open conversations are re-ranked',
        body: TriageSettingsBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as Static<typeof TriageSettingsBody>;
      const now = ctx.clock();
      const result = await db.transaction().execute(async (trx) => {
        const current = await storedSettings(principal.accountId, trx);
        const next: Partial<TriageSettings> = {
          ...current,
          ...body,
          priority: {
            weights: {
              ...current.priority?.weights,
              ...body.priority?.weights,
            } as TriageSettings['priority']['weights'],
            thresholds: {
              ...current.priority?.thresholds,
              ...body.priority?.thresholds,
            } as TriageSettings['priority']['thresholds'],
          },
        };
        await trx
          .updateTable('accounts')
          .set((eb) => ({
            settings: eb.fn('jsonb_set', [
              eb.ref('settings'),
              eb.val('{triage}'),
              eb.val(JSON.stringify(next)),
            ]),
          }))
          .where('id', '=', principal.accountId)
          .execute();
        const effective = mergeSettings(next);
        let reranked = 0;
        for (const row of await listTriagedOpenConversations(trx, principal.accountId)) {
          const stored = row.triage as unknown as Omit<TriageResult, 'priority'> & { input?: TriageInput };
          if (!stored.input || !stored.sentiment) continue;
          const priority = computePriority(stored, stored.input, effective.priority);
          if (priority.level === row.priority && Math.abs(priority.score - row.score) < 0.05) continue;
          await updateTriagedPriority(trx, {
            conversationId: row.id,
            level: priority.level,
            score: priority.score,
            priority,
            now,
          });
          reranked++;
        }
        await appendRealtimeEvents(trx, [
          { accountId: principal.accountId, type: 'queue.reranked', payload: { reranked } },
        ]);
        return { settings: effective, reranked };
      });
      await ctx.hub.announce();
      return result;
    },
  );

  app.post(
    '/messages/:id/corrections',
    {
      config: { access: 'member' },
      schema: {
        tags: ['triage'],
        summary: "Correct a message's sentiment or intent; kept for retraining this account's models",
        params: IdParams,
        body: Type.Object({
          sentiment: Type.Optional(
            Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')]),
          ),
          intent: Type.Optional(Type.Union(INTENT_LABELS.map((l) => Type.Literal(l)))),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as { sentiment?: 'negative' | 'neutral' | 'positive'; intent?: string };
      const result = await db.transaction().execute(async (trx) => {
        const corrected = await correctMessageTriage(trx, {
          accountId: principal.accountId,
          messageId: (request.params as { id: string }).id,
          userId: principal.userId,
          sentiment: body.sentiment,
          intent: body.intent,
        });
        await publishConversation(trx, principal.accountId, corrected.conversationId);
        return corrected;
      });
      await ctx.hub.announce();
      return result;
    },
  );

  // Each account's reply index is rebuilt at most once a minute: its history changes slowly.
  const indexes = new Map<string, { index: ReplyIndex; builtAt: number }>();
  app.get(
    '/conversations/:id/suggestions',
    {
      config: { access: 'member' },
      schema: {
        tags: ['triage'],
        summary: "Up to three replies from the account's own history to similar customer messages",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { conversation } = await getConversation(
        db,
        principal.accountId,
        (request.params as { id: string }).id,
      );
      const text = await latestCustomerText(db, conversation.id);
      let cached = indexes.get(principal.accountId);
      if (!cached || Date.now() - cached.builtAt > 60_000) {
        cached = {
          index: buildReplyIndex(await listReplyPairs(db, principal.accountId)),
          builtAt: Date.now(),
        };
        indexes.set(principal.accountId, cached);
      }
      const maxLength = SUGGESTION_LIMITS[conversation.channel.provider] ?? 2000;
      return { items: text ? suggestReplies(cached.index, text, { maxLength, k: 3 }) : [] };
    },
  );

  app.get(
    '/triage/corrections',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['triage'], summary: 'Corrections, for retraining' },
    },
    async (request) => ({ items: await listTriageCorrections(db, principalOf(request).accountId) }),
  );

  app.post(
    '/triage/retrain',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['triage'],
        summary:
          "Retrain this account's model from its corrections now; kept only if better on held-out corrections",
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return retrainAccountModel(db, {
        accountId: principal.accountId,
        trigger: 'api',
        requestedBy: principal.userId,
        clock: ctx.clock,
      });
    },
  );

  app.get(
    '/triage/retrain',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['triage'],
        summary: "This account's model (version, held-out metrics), recent runs and new corrections",
      },
    },
    async (request) => retrainStatus(db, principalOf(request).accountId),
  );
}
