import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { listActivity } from '../../activity/index.ts';
import { type ConversationStatus, type DB, isUuid, type PriorityLevel } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import {
  addNote,
  assignConversation,
  getConversation,
  listConversations,
  setConversationPriority,
  setConversationStatus,
} from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { IdParams, Priority, Status } from '../schemas.ts';

const csv = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'Comma-separated statuses, e.g. new,open' })),
  assignee: Type.Optional(Type.String({ description: "'me', 'none' or a user id" })),
  team: Type.Optional(Type.String()),
  channel: Type.Optional(Type.String()),
  priority: Type.Optional(Type.String({ description: 'Comma-separated: urgent,high,normal,low' })),
  visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  label: Type.Optional(Type.String({ maxLength: 64, description: 'A label id' })),
  cases: Type.Optional(
    Type.Union([Type.Literal('only'), Type.Literal('chatter'), Type.Literal('all')], {
      description: "Default 'only': real cases. 'chatter': reposts, link-only and spam kept out of the queue",
    }),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal('priority_then_waiting'), Type.Literal('sla_due_first')], {
      description:
        "Queue order: 'priority_then_waiting' (default) or 'sla_due_first' (earliest SLA deadline first)",
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

const STATUSES = ['new', 'open', 'pending', 'snoozed', 'resolved', 'closed'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

function checkList(name: string, values: string[] | undefined, allowed: string[]) {
  const bad = values?.filter((v) => !allowed.includes(v)) ?? [];
  if (bad.length > 0) {
    throw new AppError('validation_failed', `Invalid ${name}`, [
      { field: name, message: `unknown value(s) ${bad.join(', ')}; use ${allowed.join(', ')}` },
    ]);
  }
  return values;
}

export async function conversationRoutes(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;

  app.get(
    '/conversations',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'The queue: filtered, sorted by priority then time waiting, cursor-paginated',
        querystring: ListQuery,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as Record<string, string | number | undefined>;
      const assignee = q.assignee as string | undefined;
      const status = checkList('status', csv(q.status as string | undefined), STATUSES) as
        | ConversationStatus[]
        | undefined;
      const priority = checkList('priority', csv(q.priority as string | undefined), PRIORITIES) as
        | PriorityLevel[]
        | undefined;
      return listConversations(
        db,
        principal.accountId,
        {
          ...(status ? { status } : {}),
          ...(priority ? { priority } : {}),
          ...(assignee ? { assigneeId: assignee === 'me' ? principal.userId : assignee } : {}),
          ...(q.team ? { teamId: String(q.team) } : {}),
          ...(q.channel ? { channelId: String(q.channel) } : {}),
          ...(q.visibility ? { isPublic: q.visibility === 'public' } : {}),
          ...(q.q ? { q: String(q.q) } : {}),
          ...(q.label ? { labelId: String(q.label) } : {}),
          ...(q.cases === 'chatter' ? { isCase: false } : q.cases === 'all' ? { isCase: null } : {}),
        },
        {
          limit: Number(q.limit ?? 50),
          cursor: q.cursor as string | undefined,
          order: q.order as 'priority_then_waiting' | 'sla_due_first' | undefined,
        },
      );
    },
  );

  app.get(
    '/conversations/:id',
    { config: { access: 'member' }, schema: { tags: ['conversations'], params: IdParams } },
    async (request) =>
      getConversation(db, principalOf(request).accountId, (request.params as { id: string }).id),
  );

  app.post(
    '/conversations/:id/notes',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Add an internal note (never sent to the customer)',
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { text } = request.body as { text: string };
      const note = await db.transaction().execute(async (trx) => {
        const created = await addNote(trx, {
          accountId: principal.accountId,
          conversationId: id,
          userId: principal.userId,
          text,
        });
        await publishConversation(trx, principal.accountId, id, [
          { type: 'note.created', payload: { conversationId: id, note: created } },
        ]);
        return created;
      });
      await ctx.hub.announce();
      reply.status(201);
      return { note };
    },
  );

  app.post(
    '/conversations/:id/assign',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        params: IdParams,
        body: Type.Object({
          assigneeId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
          teamId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { assigneeId: string | null; teamId?: string | null };
      await mutate(ctx, principal.accountId, id, (trx) =>
        assignConversation(trx, {
          accountId: principal.accountId,
          conversationId: id,
          // The body parser coerces a JSON null to '' for the string branch of the union.
          assigneeId: body.assigneeId || null,
          ...(body.teamId !== undefined ? { teamId: body.teamId || null } : {}),
          now: ctx.clock(),
          actorUserId: principal.userId,
        }),
      );
      return getConversation(db, principal.accountId, id).then((r) => r.conversation);
    },
  );

  app.post(
    '/conversations/:id/status',
    {
      config: { access: 'member' },
      schema: { tags: ['conversations'], params: IdParams, body: Type.Object({ status: Status }) },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { status } = request.body as { status: ConversationStatus };
      await mutate(ctx, principal.accountId, id, (trx) =>
        setConversationStatus(trx, {
          accountId: principal.accountId,
          conversationId: id,
          status,
          now: ctx.clock(),
          actorUserId: principal.userId,
        }),
      );
      return getConversation(db, principal.accountId, id).then((r) => r.conversation);
    },
  );

  app.post(
    '/conversations/:id/priority',
    {
      config: { access: 'member' },
      schema: { tags: ['conversations'], params: IdParams, body: Type.Object({ priority: Priority }) },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { priority } = request.body as { priority: PriorityLevel };
      await mutate(ctx, principal.accountId, id, (trx) =>
        setConversationPriority(trx, {
          accountId: principal.accountId,
          conversationId: id,
          priority,
          now: ctx.clock(),
          actorUserId: principal.userId,
        }),
      );
      return getConversation(db, principal.accountId, id).then((r) => r.conversation);
    },
  );

  app.get(
    '/conversations/:id/activity',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary:
          'What happened to the conversation, oldest first: created, messages, replies, assignments, status, rules, SLA',
        params: IdParams,
        querystring: Type.Object({ afterId: Type.Optional(Type.Integer({ minimum: 0 })) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { afterId } = request.query as { afterId?: number };
      await getConversation(db, principal.accountId, id); // 404 for another account's conversation
      return {
        activity: await listActivity(db, principal.accountId, id, afterId ? { afterId } : {}),
      };
    },
  );

  app.post(
    '/messages/:id/retry',
    {
      config: { access: 'member' },
      schema: {
        tags: ['conversations'],
        summary: 'Send again a reply that failed or whose delivery is unknown (the agent decided)',
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new AppError('message_not_found', 'No failed or unknown reply with this id');
      const conversationId = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('outbox')
          .innerJoin('messages', 'messages.id', 'outbox.message_id')
          .select(['outbox.id', 'messages.conversation_id'])
          .where('outbox.account_id', '=', principal.accountId)
          .where('messages.id', '=', id)
          .where('outbox.status', 'in', ['failed', 'unknown'])
          .executeTakeFirst();
        if (!row) throw new AppError('message_not_found', 'No failed or unknown reply with this id');
        await trx
          .updateTable('outbox')
          .set({ status: 'pending', attempts: 0, next_attempt_at: ctx.clock(), updated_at: ctx.clock() })
          .where('id', '=', row.id)
          .execute();
        await trx
          .updateTable('messages')
          .set({ delivery_status: 'queued', delivery_error: null })
          .where('id', '=', id)
          .execute();
        await publishConversation(trx, principal.accountId, row.conversation_id);
        return row.conversation_id;
      });
      await ctx.hub.announce();
      ctx.kickOutbox();
      return { ok: true as const, conversationId };
    },
  );
}

async function mutate(
  ctx: ServerContext,
  accountId: string,
  conversationId: string,
  change: (trx: Kysely<DB>) => Promise<void>,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await change(trx);
    await publishConversation(trx, accountId, conversationId);
  });
  await ctx.hub.announce();
}
