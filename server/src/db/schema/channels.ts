import type { ColumnType, Generated } from 'kysely';

// Channels (migration 0008): web chat visitors and public → private conversation links.
export interface WebchatVisitorsTable {
  id: Generated<string>;
  account_id: string;
  channel_id: string;
  visitor_id: string;
  name: string | null;
  email: string | null;
  is_verified: Generated<boolean>;
  origin: string | null;
  open_sockets: Generated<number>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ConversationLinksTable {
  id: Generated<string>;
  account_id: string;
  public_conversation_id: string;
  public_channel_id: string;
  public_external_id: string | null;
  private_channel_id: string;
  private_external_user_id: string | null;
  private_conversation_id: string | null;
  invite_message_id: string | null;
  private_message_id: string | null;
  closing_message_id: string | null;
  status: ColumnType<'invited' | 'linked' | 'closed', 'invited' | 'linked' | 'closed' | undefined>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// WhatsApp approved templates per channel (migration 0011).
export interface WhatsappTemplatesTable {
  id: Generated<string>;
  account_id: string;
  channel_id: string;
  name: string;
  language: string;
  body: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// Migration 0013: IMAP polling state of email channels.
export interface EmailImapStateTable {
  channel_id: string;
  account_id: string;
  mailbox_key: string | null;
  uid_validity: string | null;
  last_uid: ColumnType<string | number, number | string | undefined, number | string>;
  status: ColumnType<'pending' | 'ok' | 'error', 'pending' | 'ok' | 'error' | undefined>;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  last_polled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_success_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  next_poll_at: ColumnType<Date, Date | string | undefined, Date | string>;
  lease_owner: string | null;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ChannelLinkTables {
  webchat_visitors: WebchatVisitorsTable;
  conversation_links: ConversationLinksTable;
  whatsapp_templates: WhatsappTemplatesTable;
  email_imap_state: EmailImapStateTable;
}
