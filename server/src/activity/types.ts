/**
 * What can happen to a conversation. Every kind is written by the inbox in the same transaction as
 * the change it describes, so the log is exactly as true as the conversation itself.
 */
export type ActivityKind =
  /** A customer's first message opened the conversation. */
  | 'conversation.created'
  /** A customer message arrived (including the first one). */
  | 'message.received'
  /** A customer wrote again after the conversation was resolved. */
  | 'conversation.reopened'
  /** An agent reply was stored (queued for sending), or a send made on the platform itself came back as an echo. */
  | 'reply.sent'
  | 'conversation.assigned'
  | 'conversation.status_changed'
  | 'conversation.priority_changed'
  | 'note.added'
  /** Other modules (routing, SLA, automation) record what they did with their own kinds. */
  | `${string}.${string}`;

export interface ActivityInput {
  accountId: string;
  conversationId: string;
  kind: ActivityKind;
  /** The user who did it; null for customers, platforms and automation. */
  actorUserId?: string | null;
  messageId?: string | null;
  data?: Record<string, unknown>;
  occurredAt: Date;
}

export interface Activity {
  id: number;
  accountId: string;
  conversationId: string;
  kind: string;
  actorUserId: string | null;
  messageId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** Data of `message.received`. */
export interface MessageReceivedData {
  channelId: string;
  provider: string;
  isPublic: boolean;
  /** The conversation's status before this message (a message to a pending conversation resumes it). */
  previousStatus: string | null;
  isCase: boolean;
  sentiment?: string;
  intent?: string;
  priority?: string;
}
