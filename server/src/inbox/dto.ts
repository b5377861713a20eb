import type { Selectable } from 'kysely';
import type { MessagesTable } from '../db/index.ts';

export interface MessageDto {
  id: string;
  conversationId: string;
  channelId: string;
  direction: 'in' | 'out';
  isPublic: boolean;
  surface: string;
  authorType: 'contact' | 'user' | 'system';
  authorContactId: string | null;
  authorUserId: string | null;
  text: string;
  attachments: unknown[];
  externalId: string | null;
  replyToExternalId: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  metadata: Record<string, unknown>;
  isDeleted: boolean;
  editedAt: string | null;
  triage: Record<string, unknown> | null;
  sentAt: string;
}

export function toMessageDto(row: Selectable<MessagesTable>): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    direction: row.direction,
    isPublic: row.is_public,
    surface: row.surface,
    authorType: row.author_type,
    authorContactId: row.author_contact_id,
    authorUserId: row.author_user_id,
    text: row.text,
    attachments: row.attachments,
    externalId: row.external_id,
    replyToExternalId: row.reply_to_external_id,
    deliveryStatus: row.delivery_status,
    deliveryError: row.delivery_error,
    metadata: row.metadata,
    isDeleted: row.is_deleted,
    editedAt: row.edited_at?.toISOString() ?? null,
    triage: row.triage,
    sentAt: row.sent_at.toISOString(),
  };
}

export const priorityRank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
