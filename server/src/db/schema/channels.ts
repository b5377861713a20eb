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

export interface ChannelLinkTables {
  webchat_visitors: WebchatVisitorsTable;
  conversation_links: ConversationLinksTable;
}
