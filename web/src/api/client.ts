import type {
  ApiToken,
  Channel,
  Contact,
  Conversation,
  ConversationDetail,
  Me,
  Member,
  Message,
  Note,
  Page,
  Role,
} from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/api/v1';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(
      res.status,
      problem?.error?.code ?? 'http_error',
      problem?.error?.message ?? res.statusText,
    );
  }
  return (await res.json()) as T;
}

export interface ConversationQuery {
  status?: string;
  limit?: number;
  cursor?: string;
}

export const api = {
  login: (email: string, password: string) => request<Me>('POST', '/auth/login', { email, password }),
  me: () => request<Me>('GET', '/auth/me'),
  logout: () => request<{ ok: true }>('POST', '/auth/logout'),
  switchAccount: (accountId: string) => request<Me>('POST', '/auth/switch-account', { accountId }),

  conversations: (query: ConversationQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return request<Page<Conversation>>('GET', `/conversations?${params}`);
  },
  conversation: (id: string) => request<ConversationDetail>('GET', `/conversations/${id}`),
  reply: (id: string, text: string) =>
    request<{ message: Message }>('POST', `/conversations/${id}/replies`, { text }),
  note: (id: string, text: string) => request<{ note: Note }>('POST', `/conversations/${id}/notes`, { text }),
  assign: (id: string, assigneeId: string | null) =>
    request<Conversation>('POST', `/conversations/${id}/assign`, { assigneeId }),
  setStatus: (id: string, status: string) =>
    request<Conversation>('POST', `/conversations/${id}/status`, { status }),
  setPriority: (id: string, priority: string) =>
    request<Conversation>('POST', `/conversations/${id}/priority`, { priority }),
  retryMessage: (id: string) => request<{ ok: true }>('POST', `/messages/${id}/retry`),

  contact: (id: string) => request<Contact>('GET', `/contacts/${id}`),
  users: () => request<{ items: Member[] }>('GET', '/users'),
  addUser: (body: { email: string; name: string; role: Role; password?: string }) =>
    request<{ member: Member; generatedPassword?: string }>('POST', '/users', body),
  channels: () => request<{ items: Channel[] }>('GET', '/channels'),
  createChannel: (body: {
    provider: string;
    name: string;
    settings?: Record<string, unknown>;
    secrets?: Record<string, string>;
  }) => request<Channel>('POST', '/channels', body),
  tokens: () => request<{ items: ApiToken[] }>('GET', '/api-tokens'),
  createToken: (name: string, role: Role) =>
    request<{ id: string; token: string }>('POST', '/api-tokens', { name, role }),
  revokeToken: (id: string) => request<{ ok: true }>('DELETE', `/api-tokens/${id}`),
};
