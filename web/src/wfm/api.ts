// The WFM API (`/api/v1/wfm/*`), typed as the server returns it.
import { ApiError } from '../api/client.ts';

export type HistorySource =
  | { source: 'db'; weeks?: number; provider?: string }
  | { source: 'sample'; weeks?: number }
  | { source: 'csv'; csv: string; csvFormat?: 'intervals' | 'contacts'; csvIntervalMinutes?: number };

export interface HistorySummary {
  zone: string;
  interval: number;
  fromDate: string;
  toDate: string;
  contacts: number;
  channels: { provider: string; volume: number[] }[];
  total: { volume: number[]; meanHandleSeconds: (number | null)[] };
}

export interface BacktestRow {
  method: string;
  mase: number | null;
  smapePct: number | null;
  wapePct: number | null;
}

export interface ForecastResponse {
  source: 'db' | 'csv' | 'sample';
  interval: number;
  zone: string;
  historyContacts: number;
  meanHandleSeconds: number | null;
  recent: { startDate: string; values: (number | null)[] };
  forecast: {
    method: string;
    startDate: string;
    mean: number[];
    intervals: { level: number; lower: number[]; upper: number[] }[];
    flagged: { date: string; label: string; multiplier?: number }[];
  };
  actualsToday: number[];
  intraday: { observed: number; expected: number; appliedRatio: number; reforecast: number[] } | null;
  backtest: { horizon: number; origins: number; chosen: string; methods: BacktestRow[] };
}

export interface StaffingChannelInput {
  name: string;
  kind: 'immediate' | 'deferred';
  volume: number[];
  handleSeconds: number;
  serviceLevel?: number;
  answerSeconds?: number;
  model?: 'erlangC' | 'erlangA';
  patienceSeconds?: number;
  concurrency?: number;
  responseSeconds?: number;
  maxOccupancy?: number;
}

export interface StaffingResponse {
  channels: { name: string; agents: number[]; serviceLevel?: number[]; backlogSeconds?: number[] }[];
  productive: number[];
  scheduled: number[];
}

export interface ScheduleTour {
  agentName: string | null;
  startMinute: number;
  lengthMinutes: number;
  paidHours: number;
  days: { day: number; breaks: { offsetMinutes: number; minutes: number }[] }[];
}

export interface ScheduleResponse {
  interval: number;
  status: string;
  solveSeconds: number;
  paidHours: number;
  lpBound: number;
  gapToLpPct: number;
  understaffedAgentIntervals: number;
  shiftTypes: number;
  tours: ScheduleTour[];
  coverage: { required: number; scheduled: number }[];
}

export interface SimulationOutcome {
  offered: number | null;
  serviceLevel: number | null;
  asaSeconds: number | null;
  abandonRate: number | null;
  deadlineMet?: number | null;
}

export interface SimulationResponse {
  replications: number;
  overall: SimulationOutcome;
  serviceLevelStdError: number | null;
  intervals: SimulationOutcome[];
}

export interface Scenario {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  updatedAt: string;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/wfm${path}`, {
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

export const wfmApi = {
  history: (interval: number, weeks = 8) =>
    request<HistorySummary>('GET', `/history?interval=${interval}&weeks=${weeks}`),
  forecast: (body: {
    history: HistorySource;
    interval: number;
    horizonWeeks: number;
    method: string;
    specialDays?: { date: string; label: string; multiplier?: number }[];
  }) => request<ForecastResponse>('POST', '/forecast', body),
  staffing: (body: { interval: number; shrinkage: number; channels: StaffingChannelInput[] }) =>
    request<StaffingResponse>('POST', '/staffing', body),
  schedule: (body: {
    interval: number;
    required: number[];
    lengthsHours?: number[];
    assignMembers?: boolean;
  }) => request<ScheduleResponse>('POST', '/schedule', body),
  simulate: (body: {
    interval: number;
    expectedArrivals: number[];
    agents: number[];
    handleSeconds: number;
    answerSeconds: number;
    patienceSeconds?: number;
    concurrency?: number;
    deadlineSeconds?: number;
    replications?: number;
  }) => request<SimulationResponse>('POST', '/simulate', body),
  scenarios: () => request<{ items: Scenario[] }>('GET', '/scenarios'),
  saveScenario: (name: string, settings: Record<string, unknown>) =>
    request<Scenario>('PUT', '/scenarios', { name, settings }),
  deleteScenario: (id: string) => request<{ ok: true }>('DELETE', `/scenarios/${id}`),
};
