import type { Clock } from '../clock.ts';
import { RECORDED_KINDS, recordActivity } from './recorder.ts';

/** Its cursor row's name in `activity_cursors`. */
export const ANALYTICS_FOLLOWER = 'analytics';

/** The analytics follower of the activity log: writes reporting events as things happen. */
export function analyticsFollower(deps: { clock: Clock }) {
  return {
    name: ANALYTICS_FOLLOWER,
    kinds: RECORDED_KINDS,
    batchSize: 500,
    handle: (trx: Parameters<typeof recordActivity>[0], rows: Parameters<typeof recordActivity>[1]) =>
      recordActivity(trx, rows, { clock: deps.clock }),
  };
}
