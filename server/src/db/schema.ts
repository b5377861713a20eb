import type { AnalyticsTables } from './schema/analytics.ts';
import type { AttachmentTables } from './schema/attachments.ts';
import type { ChannelLinkTables } from './schema/channels.ts';
import type { CoreTables } from './schema/core.ts';
import type { DeskTables } from './schema/desk.ts';
import type { ListeningTables } from './schema/listening.ts';
import type { RoutingTables } from './schema/routing.ts';
import type { TriageAccountTables } from './schema/triage.ts';

// The Kysely table types, one file per area under schema/ (each names the migration it mirrors).
export type * from './schema/analytics.ts';
export type * from './schema/attachments.ts';
export type * from './schema/channels.ts';
export type * from './schema/core.ts';
export type * from './schema/desk.ts';
export type * from './schema/listening.ts';
export type * from './schema/routing.ts';
export type * from './schema/triage.ts';

export interface DB
  extends CoreTables,
    RoutingTables,
    DeskTables,
    ListeningTables,
    AnalyticsTables,
    ChannelLinkTables,
    TriageAccountTables,
    AttachmentTables {}
