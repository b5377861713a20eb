import type { ActivityConsumerOptions } from '../activity/index.ts';
import { analyticsFollower } from '../analytics/index.ts';
import { automationFollower } from '../automation/index.ts';
import type { ServerContext } from '../http/context.ts';
import { routingFollowers } from '../routing/index.ts';

/** A module's follower of the conversation activity log: a unique name and a handler. */
export type Follower = Omit<ActivityConsumerOptions, 'db' | 'onError'>;

/**
 * Every module that follows the conversation activity log (routing, SLA clocks, automation,
 * analytics), one line each. Each runs as its own consumer with its own cursor, in every process
 * that runs workers; a cursor row lock keeps two processes from handling the same rows.
 */
export function activityFollowers(ctx: ServerContext): Follower[] {
  return [...routingFollowers(ctx), automationFollower(ctx.clock), analyticsFollower(ctx)];
}
