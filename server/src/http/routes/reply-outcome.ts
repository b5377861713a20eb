import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { type ApprovalDto, requestApproval } from '../../desk/index.ts';
import type { MessageDto } from '../../inbox/index.ts';
import { publishConversation } from '../../realtime/index.ts';
import type { ServerContext } from '../context.ts';

/** Hold a reply for a supervisor and tell open desks, inside the reply's transaction. */
export async function holdForApproval(
  trx: Kysely<DB>,
  input: Parameters<typeof requestApproval>[1],
): Promise<{ approval: ApprovalDto }> {
  const approval = await requestApproval(trx, input);
  await publishConversation(trx, input.accountId, input.conversationId, [
    { type: 'approval.created', payload: { approval } },
  ]);
  return { approval };
}

/** After the reply's commit: 202 with the approval when held, else 201 with the queued message. */
export async function answerReply(
  ctx: ServerContext,
  reply: FastifyReply,
  result: { approval: ApprovalDto } | { message: MessageDto },
) {
  await ctx.hub.announce();
  if ('approval' in result) {
    reply.status(202);
    return { approval: result.approval };
  }
  ctx.kickOutbox();
  reply.status(201);
  return { message: result.message };
}
