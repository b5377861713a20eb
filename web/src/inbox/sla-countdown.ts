import type { Conversation } from '../api/types.ts';
import { OPEN_STATUSES } from './queue.ts';

export type SlaDisplayState = 'none' | 'ok' | 'at_risk' | 'breached' | 'paused';

export interface SlaCountdown {
  state: SlaDisplayState;
  /** The next due SLA deadline (null: no running clock, or paused by status). */
  dueAt: string | null;
  /** Milliseconds until dueAt; negative once overdue. */
  remainingMs: number | null;
  /** Short text for the row: "12m", "−3m", "paused". */
  label: string;
}

const NONE: SlaCountdown = { state: 'none', dueAt: null, remainingMs: null, label: '' };

/**
 * What the inbox row shows for a conversation's SLA at `nowMs`. The server's flags can lag a
 * deadline by up to a sweep, so a passed `nextDueAt` counts as breached here at once; "at risk"
 * comes from the server (its share of business time is not in the DTO).
 */
export function slaCountdown(conversation: Conversation, nowMs: number): SlaCountdown {
  const sla = conversation.sla;
  if (!sla || !OPEN_STATUSES.includes(conversation.status)) return NONE;
  const dueAt = sla.nextDueAt;
  if (dueAt === null) {
    if (sla.isBreached) return { state: 'breached', dueAt: null, remainingMs: null, label: 'breached' };
    if (sla.isPaused) return { state: 'paused', dueAt: null, remainingMs: null, label: 'paused' };
    return NONE;
  }
  const remainingMs = Date.parse(dueAt) - nowMs;
  const isOverdue = remainingMs < 0;
  const state: SlaDisplayState =
    sla.isBreached || isOverdue ? 'breached' : sla.isAtRisk ? 'at_risk' : sla.isPaused ? 'paused' : 'ok';
  return { state, dueAt, remainingMs, label: formatRemaining(remainingMs) };
}

/** "45s", "12m", "3h 05m", "2d"; overdue times get a leading minus sign. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 60) return `${sign}${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(hours / 24)}d`;
}

/** Conversations needing attention for their SLA: at risk or breached (and still open). */
export function isSlaAtRisk(conversation: Conversation, nowMs: number): boolean {
  const state = slaCountdown(conversation, nowMs).state;
  return state === 'at_risk' || state === 'breached';
}

/** Apply an `sla.at_risk` / `sla.breached` stream event to a conversation's SLA flags. */
export function withSlaAlert(conversation: Conversation, kind: 'at_risk' | 'breached'): Conversation {
  const sla = conversation.sla ?? {
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    resolutionDueAt: null,
    nextDueAt: null,
    isPaused: false,
    isAtRisk: false,
    isBreached: false,
  };
  return {
    ...conversation,
    sla: kind === 'breached' ? { ...sla, isBreached: true } : { ...sla, isAtRisk: true },
  };
}
