// The routing and SLA API (`/api/v1/routing/*`): teams, skills, capacity, presence, the
// next-best-conversation pull, routing settings, business-hours calendars and SLA policies.
import { ApiError } from './client.ts';
import type { Conversation } from './types.ts';

export type PresenceStatus = 'online' | 'away' | 'offline';
export type QueueOrder = 'priority_then_waiting' | 'sla_due_first';

export interface Presence {
  userId: string;
  status: PresenceStatus;
  setBy: 'agent' | 'inactivity' | 'supervisor' | 'system';
  changedAt: string;
  lastActiveAt: string;
}

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export interface Skill {
  skill: string;
  proficiency: number;
}

export interface AgentBoardRow {
  id: string;
  name: string;
  email: string;
  role: string;
  presence: { status: PresenceStatus; setBy: string; changedAt: string | null; lastActiveAt: string | null };
  teamIds: string[];
  skills: Skill[];
  capacity: Record<string, number>;
  isDefaultCapacity: boolean;
  load: Record<string, number>;
}

export interface StrategyConfig {
  name: string;
  options?: Record<string, unknown>;
}

export interface RoutingSettings {
  autoAssign: boolean;
  strategy: StrategyConfig;
  noReplyReassignMinutes: number | null;
  reassignWhenAway: boolean;
  queueOrder: QueueOrder;
  workKind: string | null;
  teamId: string | null;
  requiredSkills: { skill: string; minProficiency: number }[];
  slaPolicyId: string | null;
  defaultCapacity: Record<string, number>;
  awayAfterMinutes: number;
  offlineAfterMinutes: number;
}

export interface RoutingSettingsOverview {
  defaults: RoutingSettings;
  strategies: string[];
  account: Partial<RoutingSettings>;
  teams: Record<string, Partial<RoutingSettings>>;
  channels: Record<string, Partial<RoutingSettings>>;
}

export type RoutingScope = 'account' | 'team' | 'channel';

export interface WeeklyPeriod {
  weekday: number;
  start: string;
  end: string;
}

export interface SpecialDay {
  date: string;
  periods: { start: string; end: string }[];
}

export interface BusinessCalendar {
  id: string;
  name: string;
  timeZone: string;
  isAlwaysOpen: boolean;
  periods: WeeklyPeriod[];
  holidays: string[];
  specialDays: SpecialDay[];
  isDefault: boolean;
  updatedAt: string;
}

export type CalendarInput = Omit<BusinessCalendar, 'id' | 'updatedAt'>;

export interface SlaTargets {
  firstResponseMs: number | null;
  nextResponseMs: number | null;
  resolutionMs: number | null;
}

export interface SlaRule {
  name: string;
  match: { channels?: string[]; visibility?: 'public' | 'private'; priorities?: string[] };
  targets: SlaTargets;
}

export interface SlaPolicy {
  id: string;
  name: string;
  calendarId: string | null;
  atRiskShare: number;
  priorityFactors: Record<string, number>;
  rules: SlaRule[];
  isDefault: boolean;
  updatedAt: string;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'updatedAt'>;

/** One problem the server found in a request body (`error.details[]`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An API error that also carries the server's per-field validation problems. */
export class RoutingApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly problems: FieldProblem[],
  ) {
    super(status, code, message);
  }
}

/** A message for the user from any failure, with the server's per-field problems listed. */
export function describeFailure(failure: unknown, fallback: string): string {
  if (failure instanceof RoutingApiError && failure.problems.length > 0)
    return `${failure.message}: ${failure.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`;
  if (failure instanceof ApiError) return failure.message;
  return fallback;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/routing${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; details?: unknown };
    } | null;
    const details = Array.isArray(problem?.error?.details) ? (problem.error.details as FieldProblem[]) : [];
    throw new RoutingApiError(
      res.status,
      problem?.error?.code ?? 'http_error',
      problem?.error?.message ?? res.statusText,
      details.filter((d) => typeof d?.field === 'string' && typeof d?.message === 'string'),
    );
  }
  return (await res.json()) as T;
}

export const routingApi = {
  teams: () => request<{ items: Team[] }>('GET', '/teams'),
  createTeam: (body: { name: string; memberIds: string[] }) => request<Team>('POST', '/teams', body),
  updateTeam: (id: string, body: { name?: string; memberIds?: string[] }) =>
    request<Team>('PUT', `/teams/${id}`, body),
  deleteTeam: (id: string) => request<{ ok: true }>('DELETE', `/teams/${id}`),

  agents: () => request<{ items: AgentBoardRow[] }>('GET', '/agents'),
  setSkills: (userId: string, skills: Skill[]) =>
    request<{ skills: Skill[] }>('PUT', `/agents/${userId}/skills`, { skills }),
  setCapacity: (userId: string, capacity: Record<string, number>) =>
    request<{ capacity: Record<string, number> }>('PUT', `/agents/${userId}/capacity`, { capacity }),
  setAgentPresence: (userId: string, status: PresenceStatus) =>
    request<Presence>('PUT', `/agents/${userId}/presence`, { status }),

  myPresence: () => request<Presence>('GET', '/presence/me'),
  setMyPresence: (status: PresenceStatus) => request<Presence>('PUT', '/presence/me', { status }),
  heartbeat: () => request<Presence>('POST', '/presence/heartbeat'),

  next: () => request<{ conversation: Conversation | null }>('POST', '/next', {}),

  settings: () => request<RoutingSettingsOverview>('GET', '/settings'),
  saveSettings: (scope: RoutingScope, id: string, patch: Partial<Record<keyof RoutingSettings, unknown>>) =>
    request<{ scope: RoutingScope; id: string | null; settings: Partial<RoutingSettings> }>(
      'PUT',
      `/settings/${scope}/${id}`,
      patch,
    ),

  calendars: () => request<{ items: BusinessCalendar[] }>('GET', '/calendars'),
  createCalendar: (body: CalendarInput) => request<BusinessCalendar>('POST', '/calendars', body),
  updateCalendar: (id: string, body: CalendarInput) =>
    request<BusinessCalendar>('PUT', `/calendars/${id}`, body),
  deleteCalendar: (id: string) => request<{ ok: true }>('DELETE', `/calendars/${id}`),

  slaPolicies: () => request<{ items: SlaPolicy[]; builtInDefault: unknown }>('GET', '/sla-policies'),
  createSlaPolicy: (body: SlaPolicyInput) => request<SlaPolicy>('POST', '/sla-policies', body),
  updateSlaPolicy: (id: string, body: SlaPolicyInput) =>
    request<SlaPolicy>('PUT', `/sla-policies/${id}`, body),
  deleteSlaPolicy: (id: string) => request<{ ok: true }>('DELETE', `/sla-policies/${id}`),
};
