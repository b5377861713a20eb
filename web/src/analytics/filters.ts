// The dashboard's filters and their query string; pure, so they are unit-tested.

export type Grain = '15m' | '30m' | '60m' | 'day' | 'week';

export interface AnalyticsFilters {
  /** Last N days up to the current hour, or a custom range. */
  preset: '1' | '7' | '30' | '90' | 'custom';
  from: string; // YYYY-MM-DD, for custom
  to: string; // YYYY-MM-DD inclusive, for custom
  grain: Grain;
  clock: 'wall' | 'business';
  hours: 'all' | 'in' | 'out';
  channelId: string | null;
  visibility: 'public' | 'private' | null;
  agentId: string | null;
  teamId: string | null;
  priority: string | null;
  intent: string | null;
}

export const defaultFilters: AnalyticsFilters = {
  preset: '30',
  from: '',
  to: '',
  grain: 'day',
  clock: 'wall',
  hours: 'all',
  channelId: null,
  visibility: null,
  agentId: null,
  teamId: null,
  priority: null,
  intent: null,
};

/** The [from, to) instants the filters select, given now. */
export function rangeOf(filters: AnalyticsFilters, now: Date): { from: Date; to: Date } {
  if (filters.preset === 'custom' && filters.from && filters.to) {
    const from = new Date(`${filters.from}T00:00:00`);
    const to = new Date(`${filters.to}T00:00:00`);
    to.setDate(to.getDate() + 1);
    return { from, to };
  }
  const to = new Date(now);
  to.setMinutes(0, 0, 0);
  to.setHours(to.getHours() + 1);
  const days = Number(filters.preset === 'custom' ? '30' : filters.preset);
  return { from: new Date(to.getTime() - days * 86_400_000), to };
}

/** The grain to use: a fine grain over a long range would be thousands of buckets. */
export function effectiveGrain(filters: AnalyticsFilters, range: { from: Date; to: Date }): Grain {
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  if (days > 31 && (filters.grain === '15m' || filters.grain === '30m' || filters.grain === '60m'))
    return 'day';
  if (days > 7 && (filters.grain === '15m' || filters.grain === '30m')) return '60m';
  return filters.grain;
}

export function toQuery(filters: AnalyticsFilters, now: Date): string {
  const range = rangeOf(filters, now);
  const params = new URLSearchParams({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    grain: effectiveGrain(filters, range),
    clock: filters.clock,
    hours: filters.hours,
  });
  if (filters.channelId) params.set('channelId', filters.channelId);
  if (filters.visibility) params.set('visibility', filters.visibility);
  if (filters.agentId) params.set('agentId', filters.agentId);
  if (filters.teamId) params.set('teamId', filters.teamId);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.intent) params.set('intent', filters.intent);
  return params.toString();
}

/** "45 s", "12 min", "3.5 h", "2.1 d"; a dash when there is nothing to show. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(share >= 0.995 || share === 0 ? 0 : 1)}%`;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Sort rows by a numeric or text accessor; missing values always last. */
export function sortRows<T>(
  rows: T[],
  value: (row: T) => number | string | null,
  isDescending: boolean,
): T[] {
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
    return isDescending ? -order : order;
  });
}
