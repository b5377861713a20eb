import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

// Reply attachments (0012_attachments).
export interface AttachmentsTable {
  id: Generated<string>;
  account_id: string;
  conversation_id: string;
  /** Null while the file waits in the composer; set once a reply carries it. */
  message_id: string | null;
  uploaded_by: string | null;
  name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: CreatedAt;
}

/** Downloading the files of an inbound Meta message into `attachments` (0021_inbound_media). */
export interface InboundMediaTable {
  message_id: string;
  account_id: string;
  status: 'pending' | 'done';
  attempts: Generated<number>;
  /** When the job is due; a claim moves it a lease ahead, so a crashed worker's job comes back. */
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface AttachmentTables {
  attachments: AttachmentsTable;
  inbound_media: InboundMediaTable;
}
