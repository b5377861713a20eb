import type { Clock } from '../clock.ts';
import { RECORDED_KINDS, recordActivity } from './recorder.ts';

/** The analytics follower of the activity log: writes reporting events as things happen. */
export function analyticsFollower(deps: { clock: Clock }) {
  return {
    name: 'analytics',
    kinds: RECORDED_KINDS,
    batchSize: 500,
    handle: (trx: Parameters<typeof recordActivity>[0], rows: Parameters<typeof recordActivity>[1]) =>
      recordActivity(trx, rows, { clock: deps.clock }),
  };
}
