import type { Kysely } from 'kysely';
import type { MigrationEnv } from '../migrate.ts';
import type { DB } from '../schema.ts';
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
import { sql as whatsappTemplates } from './0011_whatsapp_templates.ts';
import { sql as attachments } from './0012_attachments.ts';
import { sql as emailImap } from './0013_email_imap.ts';
import {
  sql as automationSealedSecrets,
  sealStoredWebhookSecrets,
} from './0014_automation_sealed_secrets.ts';
import { sql as analyticsRollup } from './0015_analytics_rollup.ts';
import { sql as realtimePayloadJson } from './0016_realtime_payload_json.ts';
import { sql as mentionHydrationIndex } from './0017_mention_hydration_index.ts';
import { sql as approvalAttachments } from './0018_approval_attachments.ts';
import { sql as approvalTemplates } from './0019_approval_templates.ts';
import { sql as inboundRetention } from './0020_inbound_retention.ts';
import { sql as inboundMedia } from './0021_inbound_media.ts';
import { sql as updateHeadroom } from './0022_update_headroom.ts';

/** Every migration, in order. Names are recorded in `parley_migrations`; never rename or edit one. */
export const migrations: {
  name: string;
  sql: string;
  /** Work SQL cannot do, in the same transaction, after the SQL. */
  run?: (trx: Kysely<DB>, env: MigrationEnv) => Promise<void>;
}[] = [
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
  { name: '0011_whatsapp_templates', sql: whatsappTemplates },
  { name: '0012_attachments', sql: attachments },
  { name: '0013_email_imap', sql: emailImap },
  {
    name: '0014_automation_sealed_secrets',
    sql: automationSealedSecrets,
    run: (trx, env) => sealStoredWebhookSecrets(trx, env.secretKey),
  },
  { name: '0015_analytics_rollup', sql: analyticsRollup },
  { name: '0016_realtime_payload_json', sql: realtimePayloadJson },
  { name: '0017_mention_hydration_index', sql: mentionHydrationIndex },
  { name: '0018_approval_attachments', sql: approvalAttachments },
  { name: '0019_approval_templates', sql: approvalTemplates },
  { name: '0020_inbound_retention', sql: inboundRetention },
  { name: '0021_inbound_media', sql: inboundMedia },
  { name: '0022_update_headroom', sql: updateHeadroom },
];
