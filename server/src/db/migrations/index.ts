import { sql as init } from './0001_init.ts';
import { sql as triage } from './0002_triage.ts';
import { sql as activity } from './0003_activity.ts';
import { sql as routing } from './0004_routing.ts';
import { sql as deskTools } from './0005_desk_tools.ts';
import { sql as listening } from './0006_listening.ts';
import { sql as wfm } from './0007_wfm.ts';
import { sql as channels } from './0008_channels.ts';
import { sql as analytics } from './0009_analytics.ts';
import { sql as triageAccounts } from './0010_triage_accounts.ts';

/** Every migration, in order. Names are recorded in `parley_migrations`; never rename or edit one. */
export const migrations: { name: string; sql: string }[] = [
  { name: '0001_init', sql: init },
  { name: '0002_triage', sql: triage },
  { name: '0003_activity', sql: activity },
  { name: '0004_routing', sql: routing },
  { name: '0005_desk_tools', sql: deskTools },
  { name: '0006_listening', sql: listening },
  { name: '0007_wfm', sql: wfm },
  { name: '0008_channels', sql: channels },
  { name: '0009_analytics', sql: analytics },
  { name: '0010_triage_accounts', sql: triageAccounts },
];
