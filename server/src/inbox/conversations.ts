import { type Kysely, sql } from 'kysely';
import { appendActivity } from '../activity/index.ts';
import { type ConversationStatus, type DB, isUuid, type PriorityLevel } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { ConversationDto } from './conversation-dto.ts';
import { type MessageDto, priorityRank, toMessageDto } from './dto.ts';

export type { ConversationDto };

type PriorityExplanation = {
  score: number;
  factors?: { name: string; contribution: number; detail: string }[];
};

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('contact_identities as ci')
          .select(['ci.handle', 'ci.follower_count', 'ci.is_verified', 'ci.display_name'])
          .whereRef('ci.contact_id', '=', 'c.contact_id')
          .orderBy(sql`ci.provider = ch.provider`, 'desc')
          .orderBy('ci.created_at')
          .limit(1)
          .as('ident'),
      (join) => join.onTrue(),
    )
    .select([
      'c.id',
      'c.status',
      'c.priority',
      'c.priority_rank',
      'c.priority_score',
      'c.is_public',
      'c.subject',
      'c.snippet',
      'c.channel_id',
      'ch.provider as channel_provider',
      'ch.name as channel_name',
      'c.contact_id',
      'ct.name as contact_name',
      'ct.is_vip as contact_is_vip',
      'ident.handle as contact_handle',
      'ident.display_name as contact_display_name',
      'ident.follower_count as contact_follower_count',
      'ident.is_verified as contact_is_verified',
      'c.assignee_id',
      'u.name as assignee_name',
      'c.team_id',
      'c.waiting_since',
      'c.first_response_at',
      'c.last_customer_message_at',
      'c.last_agent_reply_at',
      'c.last_message_at',
      'c.resolved_at',
      'c.reopen_count',
      'c.message_count',
      'c.is_case',
      'c.sentiment_start',
      'c.sentiment_end',
      'c.intent',
      'c.language',
      'c.priority_is_manual',
      sql<PriorityExplanation | null>`c.triage->'priority'`.as('priority_explanation'),
      'c.sla_first_response_due_at',
      'c.sla_next_response_due_at',
      'c.sla_resolution_due_at',
      'c.sla_next_due_at',
      'c.sla_paused',
      'c.sla_at_risk',
      'c.sla_breached',
      sql<
        ConversationDto['labels']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY l.name), '[]') FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id)`.as(
        'labels',
      ),
      'c.snoozed_until',
      'c.merged_into_id',
      'c.created_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toDto(r: Row): ConversationDto {
  return {
    id: r.id,
    status: r.status,
    priority: r.priority,
    priorityScore: r.priority_score,
    isPublic: r.is_public,
    subject: r.subject,
    snippet: r.snippet,
    channel: { id: r.channel_id, provider: r.channel_provider, name: r.channel_name },
    contact: {
      id: r.contact_id,
      name: r.contact_name ?? r.contact_display_name ?? null,
      handle: r.contact_handle ?? null,
      followerCount: r.contact_follower_count ?? null,
      isVerified: r.contact_is_verified ?? false,
      isVip: r.contact_is_vip,
    },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    teamId: r.team_id,
    waitingSince: r.waiting_since?.toISOString() ?? null,
    firstResponseAt: r.first_response_at?.toISOString() ?? null,
    lastCustomerMessageAt: r.last_customer_message_at?.toISOString() ?? null,
    lastAgentReplyAt: r.last_agent_reply_at?.toISOString() ?? null,
    lastMessageAt: r.last_message_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    reopenCount: r.reopen_count,
    messageCount: r.message_count,
    isCase: r.is_case,
    sentimentStart: r.sentiment_start,
    sentimentEnd: r.sentiment_end,
    intent: r.intent,
    language: r.language,
    priorityExplanation: r.priority_explanation
      ? { score: r.priority_explanation.score, factors: r.priority_explanation.factors ?? [] }
      : null,
    isPriorityManual: r.priority_is_manual,
    sla: {
      firstResponseDueAt: r.sla_first_response_due_at?.toISOString() ?? null,
      nextResponseDueAt: r.sla_next_response_due_at?.toISOString() ?? null,
      resolutionDueAt: r.sla_resolution_due_at?.toISOString() ?? null,
      nextDueAt: r.sla_next_due_at?.toISOString() ?? null,
      isPaused: r.sla_paused,
      isAtRisk: r.sla_at_risk,
      isBreached: r.sla_breached,
    },
    labels: r.labels,
    snoozedUntil: r.snoozed_until?.toISOString() ?? null,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at.toISOString(),
  };
}

export async function getConversationDtos(
  db: Kysely<DB>,
  accountId: string,
  ids: string[],
): Promise<ConversationDto[]> {
  if (ids.length === 0) return [];
  const rows = await baseQuery(db).where('c.account_id', '=', accountId).where('c.id', 'in', ids).execute();
  return rows.map(toDto);
}

export async function getConversation(db: Kysely<DB>, accountId: string, conversationId: string) {
  if (!isUuid(conversationId)) throw new AppError('conversation_not_found');
  const [conversation] = await getConversationDtos(db, accountId, [conversationId]);
  if (!conversation) throw new AppError('conversation_not_found');
  const messages = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('sent_at')
    .orderBy('created_at')
    .execute();
  const notes = await db
    .selectFrom('notes')
    .leftJoin('users', 'users.id', 'notes.author_user_id')
    .select([
      'notes.id',
      'notes.text',
      'notes.created_at',
      'notes.author_user_id',
      'users.name as author_name',
    ])
    .where('notes.conversation_id', '=', conversationId)
    .orderBy('notes.created_at')
    .execute();
  return {
    conversation,
    messages: messages.map(toMessageDto) as MessageDto[],
    notes: notes.map((n) => ({
      id: n.id,
      text: n.text,
      authorUserId: n.author_user_id,
      authorName: n.author_name,
      createdAt: n.created_at.toISOString(),
    })),
  };
}

async function requireConversation(db: Kysely<DB>, accountId: string, conversationId: string) {
  if (!isUuid(conversationId)) throw new AppError('conversation_not_found');
  const row = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id', 'team_id', 'priority'])
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('conversation_not_found');
  return row;
}

export async function assignConversation(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    assigneeId: string | null;
    teamId?: string | null;
    now: Date;
    /** Who did it; null or absent for routing and automation. */
    actorUserId?: string | null;
    /** Why, when it was not a person's choice (e.g. 'round_robin', 'rule', 'reassign_no_reply'). */
    reason?: string;
  },
) {
  const before = await requireConversation(db, input.accountId, input.conversationId);
  if (input.assigneeId) {
    if (!isUuid(input.assigneeId)) throw new AppError('user_not_found');
    const member = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('account_id', '=', input.accountId)
      .where('user_id', '=', input.assigneeId)
      .executeTakeFirst();
    if (!member) throw new AppError('user_not_found', 'The assignee is not a member of this account');
  }
  if (input.teamId) {
    const team = isUuid(input.teamId)
      ? await db
          .selectFrom('teams')
          .select('id')
          .where('account_id', '=', input.accountId)
          .where('id', '=', input.teamId)
          .executeTakeFirst()
      : undefined;
    if (!team) throw new AppError('not_found', 'No such team');
  }
  await db
    .updateTable('conversations')
    .set({
      assignee_id: input.assigneeId,
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      status: sql`CASE WHEN status = 'new' AND ${input.assigneeId}::uuid IS NOT NULL THEN 'open' ELSE status END`,
      updated_at: input.now,
    })
    .where('id', '=', input.conversationId)
    .execute();
  const teamTo = input.teamId !== undefined ? input.teamId : before.team_id;
  if (before.assignee_id !== input.assigneeId || before.team_id !== teamTo)
    await appendActivity(db, [
      {
        accountId: input.accountId,
        conversationId: input.conversationId,
        kind: 'conversation.assigned',
        actorUserId: input.actorUserId ?? null,
        occurredAt: input.now,
        data: {
          from: before.assignee_id,
          to: input.assigneeId,
          teamFrom: before.team_id,
          teamTo,
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
    ]);
}

export async function setConversationStatus(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    status: ConversationStatus;
    now: Date;
    actorUserId?: string | null;
    reason?: string;
  },
) {
  const current = await requireConversation(db, input.accountId, input.conversationId);
  if (current.status === 'closed' && input.status !== 'closed') {
    throw new AppError('conflict', 'A closed conversation cannot change status');
  }
  const isReopen = current.status === 'resolved' && !['resolved', 'closed'].includes(input.status);
  await db
    .updateTable('conversations')
    .set((eb) => ({
      status: input.status,
      resolved_at:
        input.status === 'resolved' ? input.now : input.status === 'closed' ? eb.ref('resolved_at') : null,
      ...(isReopen ? { reopen_count: eb('reopen_count', '+', 1) } : {}),
      updated_at: input.now,
    }))
    .where('id', '=', input.conversationId)
    .execute();
  if (current.status !== input.status)
    await appendActivity(db, [
      {
        accountId: input.accountId,
        conversationId: input.conversationId,
        kind: 'conversation.status_changed',
        actorUserId: input.actorUserId ?? null,
        occurredAt: input.now,
        data: { from: current.status, to: input.status, ...(input.reason ? { reason: input.reason } : {}) },
      },
    ]);
}

export async function setConversationPriority(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    priority: PriorityLevel;
    score?: number;
    now: Date;
    actorUserId?: string | null;
  },
) {
  const before = await requireConversation(db, input.accountId, input.conversationId);
  await db
    .updateTable('conversations')
    .set({
      priority: input.priority,
      priority_rank: priorityRank[input.priority],
      // An agent's choice stands: later triage no longer moves this conversation's priority.
      priority_is_manual: true,
      ...(input.score !== undefined ? { priority_score: input.score } : {}),
      updated_at: input.now,
    })
    .where('id', '=', input.conversationId)
    .execute();
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: input.conversationId,
      kind: 'conversation.priority_changed',
      actorUserId: input.actorUserId ?? null,
      occurredAt: input.now,
      data: { from: before.priority, to: input.priority, isManual: true },
    },
  ]);
}

export async function addNote(
  db: Kysely<DB>,
  input: { accountId: string; conversationId: string; userId: string; text: string },
) {
  await requireConversation(db, input.accountId, input.conversationId);
  const note = await db
    .insertInto('notes')
    .values({
      account_id: input.accountId,
      conversation_id: input.conversationId,
      author_user_id: input.userId,
      text: input.text,
    })
    .returning(['id', 'text', 'created_at', 'author_user_id'])
    .executeTakeFirstOrThrow();
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: input.conversationId,
      kind: 'note.added',
      actorUserId: input.userId,
      occurredAt: note.created_at,
      data: { noteId: note.id },
    },
  ]);
  return {
    id: note.id,
    text: note.text,
    authorUserId: note.author_user_id,
    createdAt: note.created_at.toISOString(),
  };
}
