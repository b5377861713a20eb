import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../accounts/index.ts';
import { appendActivity } from '../activity/index.ts';
import { attachToReply } from '../attachments/index.ts';
import { type ChannelStore, enqueueReply, refuseUnsendable } from '../channels/index.ts';
import { type DB, type HeldTemplate, isUuid, type Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { createReply, type MessageDto, toMessageDto } from '../inbox/index.ts';

export interface ApprovalSettings {
  /** Every agent's replies (role agent) wait for a supervisor. Individual members can also be flagged. */
  requireForAgents: boolean;
  /** Private replies go straight out even from agents who need approval. */
  exemptPrivate: boolean;
}

export const defaultApprovalSettings: ApprovalSettings = { requireForAgents: false, exemptPrivate: true };

export interface ApprovalDto {
  id: string;
  conversationId: string;
  authorUserId: string | null;
  authorName: string | null;
  text: string;
  originalText: string;
  isPublic: boolean;
  status: 'pending' | 'approved' | 'rejected';
  reviewerUserId: string | null;
  reason: string | null;
  messageId: string | null;
  /** Files the held reply carries (uploads of the conversation), sent with it on approval. */
  attachmentIds: string[];
  /** A held WhatsApp template reply (its text is the rendered body and cannot be edited). */
  template: HeldTemplate | null;
  createdAt: string;
  decidedAt: string | null;
}

export async function getApprovalSettings(db: Kysely<DB>, accountId: string): Promise<ApprovalSettings> {
  const row = await db
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return { ...defaultApprovalSettings, ...((row?.settings.approvals ?? {}) as Partial<ApprovalSettings>) };
}

export async function saveApprovalSettings(
  db: Kysely<DB>,
  accountId: string,
  actorUserId: string,
  settings: ApprovalSettings,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ settings: sql`jsonb_set(settings, '{approvals}', ${JSON.stringify(settings)}::jsonb)` })
    .where('id', '=', accountId)
    .execute();
  await recordAudit(db, {
    accountId,
    actorUserId,
    action: 'approvals.settings_changed',
    targetType: 'account',
    targetId: accountId,
    details: { ...settings },
  });
}

export async function setMemberNeedsApproval(
  db: Kysely<DB>,
  input: { accountId: string; userId: string; needsApproval: boolean; actorUserId: string },
): Promise<void> {
  if (!isUuid(input.userId)) throw new AppError('user_not_found');
  const row = await db
    .updateTable('memberships')
    .set({ needs_approval: input.needsApproval })
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', input.userId)
    .returning('user_id')
    .executeTakeFirst();
  if (!row) throw new AppError('user_not_found');
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    action: 'approvals.member_flag_changed',
    targetType: 'user',
    targetId: input.userId,
    details: { needsApproval: input.needsApproval },
  });
}

/** Whether this reply must wait for a supervisor. */
export async function needsApproval(
  db: Kysely<DB>,
  input: { accountId: string; userId: string; role: Role; isPublic: boolean },
): Promise<boolean> {
  const settings = await getApprovalSettings(db, input.accountId);
  if (!input.isPublic && settings.exemptPrivate) return false;
  if (settings.requireForAgents && input.role === 'agent') return true;
  const member = await db
    .selectFrom('memberships')
    .select('needs_approval')
    .where('account_id', '=', input.accountId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  return member?.needs_approval ?? false;
}

function query(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('reply_approvals as r')
    .leftJoin('users as u', 'u.id', 'r.author_user_id')
    .selectAll('r')
    .select('u.name as author_name')
    .where('r.account_id', '=', accountId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

const toDto = (r: Row): ApprovalDto => ({
  id: r.id,
  conversationId: r.conversation_id,
  authorUserId: r.author_user_id,
  authorName: r.author_name,
  text: r.text,
  originalText: r.original_text,
  isPublic: r.is_public,
  status: r.status,
  reviewerUserId: r.reviewer_user_id,
  reason: r.reason,
  messageId: r.message_id,
  attachmentIds: r.attachment_ids,
  template: r.template,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});

export async function listApprovals(
  db: Kysely<DB>,
  accountId: string,
  filter: { status?: 'pending' | 'approved' | 'rejected'; conversationId?: string },
): Promise<ApprovalDto[]> {
  const rows = await query(db, accountId)
    .$if(filter.status !== undefined, (q) => q.where('r.status', '=', filter.status!))
    .$if(filter.conversationId !== undefined, (q) =>
      q.where('r.conversation_id', '=', filter.conversationId!),
    )
    .orderBy('r.created_at')
    .limit(500)
    .execute();
  return rows.map(toDto);
}

/** Hold an agent's reply for a supervisor instead of sending it. */
export async function requestApproval(
  db: Kysely<DB>,
  input: {
    accountId: string;
    conversationId: string;
    userId: string;
    text: string;
    isPublic: boolean;
    /** Uploads the reply carries, already checked with `attachableFiles`. */
    attachmentIds?: string[];
    /** A WhatsApp template reply; `text` is then its rendered body. */
    template?: HeldTemplate;
    now: Date;
  },
): Promise<ApprovalDto> {
  const row = await db
    .insertInto('reply_approvals')
    .values({
      attachment_ids: input.attachmentIds ?? [],
      template: input.template ? JSON.stringify(input.template) : null,
      account_id: input.accountId,
      conversation_id: input.conversationId,
      author_user_id: input.userId,
      text: input.text,
      original_text: input.text,
      is_public: input.isPublic,
      reviewer_user_id: null,
      reason: null,
      message_id: null,
      created_at: input.now,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId: input.conversationId,
      kind: 'approval.requested',
      actorUserId: input.userId,
      occurredAt: input.now,
      data: { approvalId: row.id, isPublic: input.isPublic },
    },
  ]);
  return toDto(await query(db, input.accountId).where('r.id', '=', row.id).executeTakeFirstOrThrow());
}

async function lockPending(db: Kysely<DB>, accountId: string, approvalId: string) {
  const row = isUuid(approvalId)
    ? await db
        .selectFrom('reply_approvals')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', approvalId)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', 'No such reply awaiting approval');
  if (row.status !== 'pending') throw new AppError('conflict', `This reply was already ${row.status}`);
  return row;
}

/** Approve (optionally with edited text): the reply is stored as the author's and goes to the outbox. */
export async function approveReply(
  db: Kysely<DB>,
  input: {
    accountId: string;
    approvalId: string;
    reviewerUserId: string;
    text?: string;
    now: Date;
    /** Given, the platform's rules are checked first: a reply it would refuse is not approved. */
    channels?: ChannelStore;
  },
): Promise<{ approval: ApprovalDto; message: MessageDto }> {
  const pending = await lockPending(db, input.accountId, input.approvalId);
  const text = input.text ?? pending.text;
  const isEdited = text !== pending.original_text;
  if (pending.template && text !== pending.text) {
    throw new AppError(
      'bad_request',
      'A template message is sent as WhatsApp approved it: its text cannot be edited',
    );
  }
  const created = await createReply(db, {
    accountId: input.accountId,
    conversationId: pending.conversation_id,
    userId: pending.author_user_id ?? input.reviewerUserId,
    text,
    isPublic: pending.is_public,
    now: input.now,
  });
  if (pending.template) {
    const { templateId, ...template } = pending.template;
    created.message = await db
      .updateTable('messages')
      .set({ metadata: JSON.stringify({ template, templateId }) })
      .where('id', '=', created.message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  // The window may have closed while the reply waited for its supervisor.
  if (input.channels) {
    await refuseUnsendable(db, input.channels, {
      messageId: created.message.id,
      channelId: created.channelId,
      now: input.now,
    });
  }
  const message = await attachToReply(db, {
    accountId: input.accountId,
    conversationId: pending.conversation_id,
    message: created.message,
    attachmentIds: pending.attachment_ids,
  });
  await enqueueReply(db, {
    accountId: input.accountId,
    messageId: created.message.id,
    channelId: created.channelId,
    now: input.now,
  });
  await db
    .updateTable('reply_approvals')
    .set({
      status: 'approved',
      text,
      reviewer_user_id: input.reviewerUserId,
      message_id: created.message.id,
      decided_at: input.now,
    })
    .where('id', '=', pending.id)
    .execute();
  await recordDecision(db, input, pending.conversation_id, 'approval.approved', {
    isEdited,
    messageId: created.message.id,
  });
  const approval = toDto(
    await query(db, input.accountId).where('r.id', '=', pending.id).executeTakeFirstOrThrow(),
  );
  return { approval, message: toMessageDto(message) };
}

export async function rejectReply(
  db: Kysely<DB>,
  input: { accountId: string; approvalId: string; reviewerUserId: string; reason: string; now: Date },
): Promise<ApprovalDto> {
  const pending = await lockPending(db, input.accountId, input.approvalId);
  await db
    .updateTable('reply_approvals')
    .set({
      status: 'rejected',
      reviewer_user_id: input.reviewerUserId,
      reason: input.reason,
      decided_at: input.now,
    })
    .where('id', '=', pending.id)
    .execute();
  await recordDecision(db, input, pending.conversation_id, 'approval.rejected', { reason: input.reason });
  return toDto(await query(db, input.accountId).where('r.id', '=', pending.id).executeTakeFirstOrThrow());
}

async function recordDecision(
  db: Kysely<DB>,
  input: { accountId: string; approvalId: string; reviewerUserId: string; now: Date },
  conversationId: string,
  kind: 'approval.approved' | 'approval.rejected',
  details: Record<string, unknown>,
) {
  await appendActivity(db, [
    {
      accountId: input.accountId,
      conversationId,
      kind,
      actorUserId: input.reviewerUserId,
      occurredAt: input.now,
      data: { approvalId: input.approvalId, ...details },
    },
  ]);
  await recordAudit(db, {
    accountId: input.accountId,
    actorUserId: input.reviewerUserId,
    action: kind,
    targetType: 'reply_approval',
    targetId: input.approvalId,
    details: { conversationId, ...details },
  });
}
