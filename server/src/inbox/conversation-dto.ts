import type { ConversationStatus, PriorityLevel } from '../db/index.ts';

/** A conversation as the API and the realtime stream show it. */
export interface ConversationDto {
  id: string;
  status: ConversationStatus;
  priority: PriorityLevel;
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
  isCase: boolean;
  sentimentStart: string | null;
  sentimentEnd: string | null;
  intent: string | null;
  language: string | null;
  /** Why the conversation is ranked where it is: score, level and each factor's contribution. */
  priorityExplanation: {
    score: number;
    factors: { name: string; contribution: number; detail: string }[];
  } | null;
  isPriorityManual: boolean;
  /** SLA deadlines of the running clocks and their state (routing keeps them current). */
  sla: {
    firstResponseDueAt: string | null;
    nextResponseDueAt: string | null;
    resolutionDueAt: string | null;
    nextDueAt: string | null;
    isPaused: boolean;
    isAtRisk: boolean;
    isBreached: boolean;
  };
  labels: { id: string; name: string; color: string }[];
  snoozedUntil: string | null;
  mergedIntoId: string | null;
  createdAt: string;
}
