// Wire shapes of the Parley REST API (`/api/v1`), as the server's DTOs return them.

export type Role = 'admin' | 'supervisor' | 'agent';
export type ConversationStatus = 'new' | 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

export interface Me {
  user: { id: string; email: string; name: string };
  accountId: string;
  role: Role;
  accounts: { id: string; name: string; slug: string; role: Role }[];
}

export interface Conversation {
  id: string;
  status: ConversationStatus;
  priority: Priority;
  priorityScore: number;
  isPublic: boolean;
  subject: string | null;
  snippet: string;
  channel: { id: string; provider: string; name: string };
  contact: {
    id: string;
    name: string | null;
    handle: string | null;
    followerCount: number | null;
    isVerified: boolean;
    isVip: boolean;
  };
  assignee: { id: string; name: string } | null;
  teamId: string | null;
  waitingSince: string | null;
  firstResponseAt: string | null;
  lastCustomerMessageAt: string | null;
  lastAgentReplyAt: string | null;
  lastMessageAt: string;
  resolvedAt: string | null;
  reopenCount: number;
  messageCount: number;
  createdAt: string;
  // Optional: events stored before routing and triage existed replay without them.
  /** Deadlines of the running SLA clocks and their state (kept current by routing). */
  sla?: ConversationSla;
  sentimentStart?: Sentiment | null;
  sentimentEnd?: Sentiment | null;
  /** Triage's intent of the latest customer message (order_status, refund_return, complaint, …). */
  intent?: string | null;
  /** Desk tools (labels, snooze, merge). */
  labels?: { id: string; name: string; color: string }[];
  snoozedUntil?: string | null;
  mergedIntoId?: string | null;
}

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface ConversationSla {
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  nextDueAt: string | null;
  isPaused: boolean;
  isAtRisk: boolean;
  isBreached: boolean;
}

export interface Message {
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
  deliveryStatus: string;
  deliveryError: string | null;
  isDeleted: boolean;
  editedAt: string | null;
  sentAt: string;
  /** Provider extras, e.g. `template` for a WhatsApp template message. */
  metadata?: Record<string, unknown>;
  /** Files on the message: the platform's metadata for inbound ones, our uploads for replies. */
  attachments?: MessageAttachment[];
}

export interface MessageAttachment {
  kind: 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker' | 'other';
  url?: string;
  mimeType?: string;
  name?: string;
  latitude?: number;
  longitude?: number;
  /** Set on files Parley keeps (replies' uploads, downloaded inbound files): the stored id and size. */
  attachmentId?: string;
  sizeBytes?: number;
  /** An inbound file Parley could not keep (too large, gone, kept failing): why. */
  downloadError?: string;
}

/** A file uploaded for a reply, waiting to be sent with it. */
export interface UploadedAttachment {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  kind: 'image' | 'video' | 'audio' | 'file';
  url: string;
}

export interface Note {
  id: string;
  text: string;
  authorUserId: string | null;
  authorName?: string | null;
  createdAt: string;
}

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
}

export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  isVip: boolean;
  identities: {
    id: string;
    provider: string;
    externalUserId: string;
    handle: string | null;
    displayName: string | null;
    followerCount: number | null;
    isVerified: boolean;
  }[];
  conversations: {
    id: string;
    status: ConversationStatus;
    channelId: string;
    isPublic: boolean;
    snippet: string;
    createdAt: string;
    resolvedAt: string | null;
  }[];
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface Channel {
  id: string;
  provider: string;
  name: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  /** Email channels that poll a mailbox over IMAP. */
  imap?: {
    status: 'pending' | 'ok' | 'error';
    lastError: string | null;
    consecutiveFailures: number;
    lastPolledAt: string | null;
    lastSuccessAt: string | null;
    nextPollAt: string;
  };
  isActive: boolean;
  webhookUrl: string;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface StreamEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}
