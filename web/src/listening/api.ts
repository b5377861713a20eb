// The listening API (`/api/v1/listening/*`), typed as the server returns it.
import { ApiError } from '../api/client.ts';

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface Monitor {
  id: string;
  name: string;
  query: string;
  role: 'brand' | 'competitor' | 'topic';
  isActive: boolean;
  autoCase: { actionableNegative?: boolean; minReach?: number | null } | null;
  alertEmails: string[];
  alertWebhookUrl: string | null;
  alertWebhookSecret?: string;
}

export interface Mention {
  id: string;
  channelId: string;
  text: string;
  language: string | null;
  author: {
    handle: string | null;
    name: string | null;
    followers: number | null;
    isVerified: boolean;
    url: string | null;
  };
  permalink: string | null;
  postedAt: string;
  engagement: number;
  sentiment: Sentiment;
  intent: string;
  isActionable: boolean;
  reach: number;
  priority: string | null;
  monitorIds: string[];
  conversationId: string | null;
  convertedBy: string | null;
}

export interface ListeningAlert {
  id: string;
  monitorId: string;
  monitorName: string;
  kind: 'volume_spike' | 'negative_spike' | 'fast_post' | string;
  status: 'open' | 'resolved';
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  message: string;
}

export interface SentimentBucket {
  start: string;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  negativeShare: number | null;
  netSentiment: number | null;
}

export interface Trends {
  from: string;
  to: string;
  bucketMs: number;
  mentionCount: number;
  isTruncated: boolean;
  sentimentOverTime: SentimentBucket[];
  topTerms: { term: string; count: number; share: number }[];
  topPhrases: { term: string; count: number; share: number }[];
  emergingTerms: { term: string; count: number; expected: number; ratio: number }[];
  complaintClusters: {
    label: string;
    size: number;
    firstAt: string;
    lastAt: string;
    counts: { start: string; count: number }[];
    examples: { mentionId: string; text: string; permalink: string | null; author: string | null }[];
  }[];
  shareOfVoice: {
    monitorId: string;
    monitorName: string;
    role: string;
    mentions: number;
    share: number;
    netSentiment: number | null;
  }[];
}

export interface MentionFilters {
  monitorId?: string;
  sentiment?: Sentiment | '';
  intent?: string;
  actionable?: boolean;
  minReach?: number;
  from?: string;
  to?: string;
  cursor?: string;
}

export interface QueryCheck {
  ok: boolean;
  error?: { code: string; position: number; message: string };
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/listening${path}`, {
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

function queryString(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const listeningApi = {
  monitors: () => request<{ items: Monitor[] }>('GET', '/monitors').then((r) => r.items),
  createMonitor: (input: Partial<Monitor> & { name: string; query: string }) =>
    request<Monitor>('POST', '/monitors', input),
  deleteMonitor: (id: string) => request<{ ok: true }>('DELETE', `/monitors/${id}`),
  checkQuery: (query: string) => request<QueryCheck>('POST', '/monitors/validate', { query }),
  mentions: (filters: MentionFilters) =>
    request<{ mentions: Mention[]; nextCursor: string | null }>(
      'GET',
      `/mentions${queryString({ ...filters, limit: 30 })}`,
    ),
  createCase: (mentionId: string) =>
    request<{ conversationId: string; messageId: string; isNew: boolean }>(
      'POST',
      `/mentions/${mentionId}/case`,
    ),
  alerts: (monitorId?: string) =>
    request<{ items: ListeningAlert[] }>('GET', `/alerts${queryString({ monitorId, limit: 30 })}`),
  trends: (input: { from: string; to: string; bucket: string; monitorId?: string }) =>
    request<Trends>('GET', `/trends${queryString(input)}`),
};
