import type { ChannelStore } from '../channels/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { RealtimeHub } from '../realtime/index.ts';

/** What route handlers need; `parley serve` builds one per process, tests build their own. */
export interface ServerContext {
  config: Config;
  db: Database;
  clock: Clock;
  channels: ChannelStore;
  hub: RealtimeHub;
  metrics: Metrics;
  kickInbound: () => void;
  kickOutbox: () => void;
  /** Encrypts secrets at rest (analytics webhook secret). */
  secretKey: string;
  /** Wakes the listening worker after a listening-stream delivery is stored. */
  kickListening?: () => void;
}
