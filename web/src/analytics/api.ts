// The analytics API (`/api/v1/analytics/*`), typed as the server returns it (docs/metrics.md).
import { ApiError } from '../api/client.ts';

export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface Attainment {
  met: number;
  breached: number;
  attainment: number | null;
}

export interface KpiRow {
  key: string;
  label: string;
  volume: { inboundMessages: number; newConversations: number };
  responseRate: number | null;
  firstResponse: DurationStats;
  asaSeconds: number | null;
  nextResponse: DurationStats;
  resolution: DurationStats;
  timeToAssignment: DurationStats;
  replies: number;
  resolutions: number;
  firstContactResolution: { resolved: number; count: number; rate: number | null };
  firstTouchResolution: { count: number; rate: number | null };
  reopen: { reopens: number; reopenedConversations: number; rate: number | null };
  unanswered: { count: number; rate: number | null };
  sentimentTurnedAround: { startedNegative: number; turned: number; rate: number | null };
  handleTime: { totalSeconds: number; ahtSeconds: number | null };
  sla: { firstResponse: Attainment; nextResponse: Attainment; resolution: Attainment };
  csat: {
    sent: number;
    answered: number;
    responseRate: number | null;
    average: number | null;
    satisfied: number | null;
  };
  productivity: {
    onlineHours: number;
    resolvedPerOnlineHour: number | null;
    occupancy: number | null;
    concurrency: number | null;
  } | null;
  costPerContact: number | null;
}

export interface Costs {
  currency: string;
  loadedHourlyCost: number;
  referenceCosts: { phone: number; email: number; chat: number };
}

export interface SeriesPoint {
  bucket: string;
  startsAt: string;
  inboundMessages: number;
  newConversations: number;
  replies: number;
  resolutions: number;
  reopens: number;
  unanswered: number;
  firstResponseMean: number | null;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  nextResponseMean: number | null;
  resolutionMean: number | null;
  timeToAssignmentMean: number | null;
  ahtSeconds: number | null;
  slaAttainment: number | null;
  csatAverage: number | null;
}

export interface HeatCell {
  weekday: number;
  hour: number;
  inboundMessages: number;
  newConversations: number;
}

export interface BacklogPoint {
  bucket: string;
  at: string;
  open: number;
  oldestAgeSeconds: number | null;
}

export type DistributionMetric = 'first_response' | 'next_response' | 'resolution' | 'assignment' | 'csat';

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`/api/v1/analytics${path}`, { credentials: 'same-origin' });
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

export const analyticsApi = {
  summary: (query: string) => get<{ kpis: KpiRow; costs: Costs }>(`/summary?${query}`),
  breakdown: (path: 'agents' | 'teams' | 'channels' | 'breakdown', query: string) =>
    get<{ rows: KpiRow[]; costs: Costs }>(`/${path}?${query}`),
  timeseries: (query: string) => get<{ points: SeriesPoint[] }>(`/timeseries?${query}`),
  heatmap: (query: string) => get<{ cells: HeatCell[] }>(`/heatmap?${query}`),
  backlog: (query: string) => get<{ points: BacklogPoint[] }>(`/backlog?${query}`),
  distribution: (query: string, metric: DistributionMetric) =>
    get<{ bands: { band: string; count: number }[] }>(`/distribution?${query}&metric=${metric}`),
};

/** Where a report's CSV export is downloaded from. */
export function csvUrl(report: string, query: string): string {
  return `/api/v1/analytics/${report}?${query}&format=csv`;
}
