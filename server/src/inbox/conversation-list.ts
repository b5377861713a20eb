import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type ConversationStatus, type DB, isUuid, type PriorityLevel } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type ConversationDto, getConversationDtos } from './conversations.ts';

export interface ConversationFilters {
  status?: ConversationStatus[];
  /** A user id, or 'none' for unassigned. */
  assigneeId?: string;
  teamId?: string;
  channelId?: string;
  priority?: PriorityLevel[];
  isPublic?: boolean;
  /** Default true: only real cases; false lists only chatter kept out of the queue; null both. */
  isCase?: boolean | null;
  q?: string;
  /** Only conversations carrying this label. */
  labelId?: string;
}

interface Cursor {
  rank: number;
  waitingSince: string | null;
  id: string;
  /** Queue order 'sla_due_first' only: the earliest SLA due-at (null: no running clock). */
  slaDueAt?: string | null;
}

/** 'priority_then_waiting' (default) or 'sla_due_first' (earliest SLA deadline, then the default order). */
export type ConversationOrder = 'priority_then_waiting' | 'sla_due_first';

const encodeCursor = (c: Cursor) =>
  Buffer.from(
    JSON.stringify(
      c.slaDueAt === undefined ? [c.rank, c.waitingSince, c.id] : [c.rank, c.waitingSince, c.id, c.slaDueAt],
    ),
  ).toString('base64url');

function decodeCursor(raw: string): Cursor {
  try {
    const [rank, waitingSince, id, ...sla] = JSON.parse(
      Buffer.from(raw, 'base64url').toString('utf8'),
    ) as unknown[];
    const slaDueAt = sla[0];
    if (
      typeof rank !== 'number' ||
      typeof id !== 'string' ||
      !(waitingSince === null || typeof waitingSince === 'string') ||
      !(sla.length === 0 || slaDueAt === null || typeof slaDueAt === 'string')
    ) {
      throw new Error('shape');
    }
    return { rank, waitingSince, id, ...(sla.length > 0 ? { slaDueAt: slaDueAt as string | null } : {}) };
  } catch {
    throw new AppError('validation_failed', 'Invalid cursor', [
      { field: 'cursor', message: 'not a cursor from this API' },
    ]);
  }
}

/** The queue: priority first, then the longest-waiting customer, then id for a stable order. */
export async function listConversations(
  db: Kysely<DB>,
  accountId: string,
  filters: ConversationFilters,
  page: { limit: number; cursor?: string | undefined; order?: ConversationOrder | undefined },
): Promise<{ items: ConversationDto[]; nextCursor: string | null }> {
  const isSlaOrder = page.order === 'sla_due_first';
  // Choose the page on the conversations table alone (the queue index serves the order), then
  // join contacts, channels and identities for those rows only.
  let query = db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.priority_rank', 'c.waiting_since', 'c.sla_next_due_at'])
    .where('c.account_id', '=', accountId);
  if (filters.status?.length) query = query.where('c.status', 'in', filters.status);
  if (filters.priority?.length) query = query.where('c.priority', 'in', filters.priority);
  if (filters.assigneeId === 'none') query = query.where('c.assignee_id', 'is', null);
  else if (filters.assigneeId) query = query.where('c.assignee_id', '=', asUuid(filters.assigneeId));
  if (filters.teamId) query = query.where('c.team_id', '=', asUuid(filters.teamId));
  if (filters.channelId) query = query.where('c.channel_id', '=', asUuid(filters.channelId));
  if (filters.isPublic !== undefined) query = query.where('c.is_public', '=', filters.isPublic);
  if (filters.labelId) {
    const labelId = asUuid(filters.labelId);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversation_labels as cl')
          .select(sql`1`.as('one'))
          .whereRef('cl.conversation_id', '=', 'c.id')
          .where('cl.label_id', '=', labelId),
      ),
    );
  }
  const isCase = filters.isCase === undefined ? true : filters.isCase;
  if (isCase !== null) query = query.where('c.is_case', '=', isCase);
  if (filters.q?.trim()) {
    const q = filters.q.trim();
    const pattern = `%${q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb: ExpressionBuilder<DB & { c: DB['conversations'] }, 'c'>) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('messages as m')
            .select(sql`1`.as('one'))
            .whereRef('m.conversation_id', '=', 'c.id')
            .where(sql<boolean>`to_tsvector('simple', m.text) @@ plainto_tsquery('simple', ${q})`),
        ),
        eb('c.snippet', 'ilike', pattern),
      ]),
    );
  }
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    if (isSlaOrder !== (c.slaDueAt !== undefined)) decodeCursor('');
    query = isSlaOrder
      ? query.where(
          sql<boolean>`(coalesce(c.sla_next_due_at, 'infinity'::timestamptz), c.priority_rank, coalesce(c.waiting_since, 'infinity'::timestamptz), c.id) > (coalesce(${c.slaDueAt ?? null}::timestamptz, 'infinity'::timestamptz), ${c.rank}, coalesce(${c.waitingSince}::timestamptz, 'infinity'::timestamptz), ${asUuid(c.id)}::uuid)`,
        )
      : query.where(
          sql<boolean>`(c.priority_rank, coalesce(c.waiting_since, 'infinity'::timestamptz), c.id) > (${c.rank}, coalesce(${c.waitingSince}::timestamptz, 'infinity'::timestamptz), ${asUuid(c.id)}::uuid)`,
        );
  }
  if (isSlaOrder) query = query.orderBy(sql`coalesce(c.sla_next_due_at, 'infinity'::timestamptz)`);
  const rows = await query
    .orderBy('c.priority_rank')
    .orderBy(sql`coalesce(c.waiting_since, 'infinity'::timestamptz)`)
    .orderBy('c.id')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const dtos = new Map(
    (
      await getConversationDtos(
        db,
        accountId,
        pageRows.map((r) => r.id),
      )
    ).map((d) => [d.id, d]),
  );
  const items = pageRows.flatMap((r) => dtos.get(r.id) ?? []);
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return {
    items,
    nextCursor: last
      ? encodeCursor({
          rank: last.priority_rank,
          waitingSince: last.waiting_since?.toISOString() ?? null,
          id: last.id,
          ...(isSlaOrder ? { slaDueAt: last.sla_next_due_at?.toISOString() ?? null } : {}),
        })
      : null,
  };
}

function asUuid(value: string): string {
  // Malformed ids are simply unknown ids: 404, never a database error.
  if (!isUuid(value)) throw new AppError('not_found');
  return value;
}
