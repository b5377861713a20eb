// The desk tools API: labels, snooze, merge, presence, canned responses, approvals, activity and
// automation rules. Kept apart from client.ts so areas grow without editing one shared file.
import { ApiError } from './client.ts';
import type { Conversation, Message } from './types.ts';

export interface Label {
  id: string;
  name: string;
  color: string;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  isShared: boolean;
  ownerUserId: string | null;
  updatedAt: string;
}

export interface Rendered {
  text: string;
  length: number;
  max: number;
  unit: string;
  isTooLong: boolean;
}

export interface Approval {
  id: string;
  conversationId: string;
  authorUserId: string | null;
  authorName: string | null;
  text: string;
  originalText: string;
  isPublic: boolean;
  status: 'pending' | 'approved' | 'rejected';
  reviewerUserId: string | null;
  reason: string | null;
  messageId: string | null;
  /** Files the held reply carries; they go out with it on approval. */
  attachmentIds: string[];
  /** A held WhatsApp template reply: approved as it is, never edited. */
  template: { name: string; language: string; parameters: string[] } | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface ApprovalSettings {
  requireForAgents: boolean;
  exemptPrivate: boolean;
}

export interface Viewer {
  userId: string;
  name: string;
  state: 'viewing' | 'typing';
  since: string;
}

export interface Activity {
  id: number;
  kind: string;
  actorUserId: string | null;
  actorName: string | null;
  messageId: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
}

export interface Rule {
  id: string;
  name: string;
  position: number;
  isEnabled: boolean;
  stopProcessing: boolean;
  trigger: { type: string; minutes?: number; everyMinutes?: number };
  conditions: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  fireCount: number;
  lastFiredAt: string | null;
}

export type RuleBody = Omit<Rule, 'id' | 'fireCount' | 'lastFiredAt'>;

/** An API error with its details (validation problems, or the messages a reply crossed). */
export class DeskApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(status, code, message);
  }
}

export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as T & {
    error?: { code: string; message: string; details?: unknown };
  };
  if (!res.ok) {
    throw new DeskApiError(
      res.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? res.statusText,
      json?.error?.details,
    );
  }
  return { status: res.status, body: json };
}

const get = async <T>(method: string, path: string, body?: unknown) =>
  (await call<T>(method, path, body)).body;

export type ReplyResult =
  | { message: Message; approval?: undefined }
  | { approval: Approval; message?: undefined };

export const deskApi = {
  /** 201 with the message, 202 with the approval it waits for; 409 (DeskApiError) when new messages landed. */
  reply: (id: string, text: string, expectedLastMessageId?: string | null, attachmentIds: string[] = []) =>
    get<ReplyResult>('POST', `/conversations/${id}/replies`, {
      text,
      ...(expectedLastMessageId !== undefined ? { expectedLastMessageId } : {}),
      ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
    }),
  labels: () => get<{ items: Label[] }>('GET', '/labels'),
  createLabel: (name: string, color?: string) =>
    get<{ label: Label }>('POST', '/labels', { name, ...(color ? { color } : {}) }),
  deleteLabel: (id: string) => get<{ ok: true }>('DELETE', `/labels/${id}`),
  addLabel: (conversationId: string, labelId: string) =>
    get<{ ok: true }>('POST', `/conversations/${conversationId}/labels`, { labelId }),
  removeLabel: (conversationId: string, labelId: string) =>
    get<{ ok: true }>('DELETE', `/conversations/${conversationId}/labels/${labelId}`),
  snooze: (id: string, until: Date) =>
    get<Conversation>('POST', `/conversations/${id}/snooze`, { until: until.toISOString() }),
  merge: (id: string, intoConversationId: string) =>
    get<Conversation>('POST', `/conversations/${id}/merge`, { intoConversationId }),
  transfer: (id: string, teamId: string, note: string) =>
    get<Conversation>('POST', `/conversations/${id}/transfer`, { teamId, note }),
  presence: (id: string, state: 'viewing' | 'typing' | 'left') =>
    get<{ viewers: Viewer[] }>('POST', `/conversations/${id}/presence`, { state }),
  activity: (id: string, afterId = 0) =>
    get<{ activity: Activity[] }>(
      'GET',
      `/conversations/${id}/activity${afterId ? `?afterId=${afterId}` : ''}`,
    ),
  canned: () => get<{ items: CannedResponse[]; variables: string[] }>('GET', '/canned-responses'),
  createCanned: (body: Omit<CannedResponse, 'id' | 'ownerUserId' | 'updatedAt'>) =>
    get<{ item: CannedResponse }>('POST', '/canned-responses', body),
  updateCanned: (id: string, body: Omit<CannedResponse, 'id' | 'ownerUserId' | 'updatedAt'>) =>
    get<{ item: CannedResponse }>('PUT', `/canned-responses/${id}`, body),
  deleteCanned: (id: string) => get<{ ok: true }>('DELETE', `/canned-responses/${id}`),
  renderCanned: (conversationId: string, cannedId: string) =>
    get<Rendered>('GET', `/conversations/${conversationId}/canned-responses/${cannedId}/render`),
  approvals: () => get<{ items: Approval[] }>('GET', '/approvals'),
  conversationApprovals: (id: string) => get<{ items: Approval[] }>('GET', `/conversations/${id}/approvals`),
  approve: (id: string, text?: string) =>
    get<{ approval: Approval; message: Message }>('POST', `/approvals/${id}/approve`, text ? { text } : {}),
  reject: (id: string, reason: string) =>
    get<{ approval: Approval }>('POST', `/approvals/${id}/reject`, { reason }),
  approvalSettings: () =>
    get<{ settings: ApprovalSettings; flaggedUserIds: string[] }>('GET', '/settings/approvals'),
  saveApprovalSettings: (settings: ApprovalSettings) =>
    get<{ settings: ApprovalSettings }>('PUT', '/settings/approvals', settings),
  setNeedsApproval: (userId: string, needsApproval: boolean) =>
    get<{ ok: true }>('PUT', `/users/${userId}/needs-approval`, { needsApproval }),
  rules: () => get<{ items: Rule[] }>('GET', '/automation/rules'),
  createRule: (body: RuleBody) => get<{ rule: Rule }>('POST', '/automation/rules', body),
  updateRule: (id: string, body: RuleBody) => get<{ rule: Rule }>('PUT', `/automation/rules/${id}`, body),
  deleteRule: (id: string) => get<{ ok: true }>('DELETE', `/automation/rules/${id}`),
};

/** Validation details as one readable line. */
export function problemText(error: unknown): string {
  if (error instanceof DeskApiError && Array.isArray(error.details)) {
    return (error.details as { field: string; message: string }[])
      .map((d) => `${d.field}: ${d.message}`)
      .join('; ');
  }
  return error instanceof Error ? error.message : 'Something went wrong';
}
