import type { Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

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

export interface AttachmentTables {
  attachments: AttachmentsTable;
}
