import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { approvalRoutes } from './approvals.ts';
import { automationRoutes } from './automation.ts';
import { cannedRoutes } from './canned.ts';
import { deskActionRoutes } from './desk-actions.ts';
import { labelRoutes } from './labels.ts';
import { presenceRoutes } from './presence.ts';

/** The agent desk's tools: labels, snooze/merge/transfer, presence, canned responses, approvals, automation. */
export async function deskRoutes(app: FastifyInstance, ctx: ServerContext) {
  await app.register(labelRoutes, ctx);
  await app.register(deskActionRoutes, ctx);
  await app.register(presenceRoutes, ctx);
  await app.register(cannedRoutes, ctx);
  await app.register(approvalRoutes, ctx);
  await app.register(automationRoutes, ctx);
}
