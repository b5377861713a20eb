import { useDesk } from '../app/desk-context.tsx';
import { providerLabel } from '../ui/format.ts';
import type { AnalyticsFilters, Grain } from './filters.ts';

const GRAINS: { value: Grain; label: string }[] = [
  { value: '15m', label: '15 min' },
  { value: '30m', label: '30 min' },
  { value: '60m', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
];
const INTENTS = ['complaint', 'delivery', 'refund', 'billing', 'account', 'question', 'praise', 'other'];

/** The inbox's filters (channel, assignee, priority) plus range, grain, clock and business hours. */
export function AnalyticsFilterBar({
  filters,
  teams,
  onChange,
}: {
  filters: AnalyticsFilters;
  teams: { key: string; label: string }[];
  onChange: (next: AnalyticsFilters) => void;
}) {
  const { channels, users } = useDesk();
  const set = <K extends keyof AnalyticsFilters>(key: K, value: AnalyticsFilters[K]) =>
    onChange({ ...filters, [key]: value });
  return (
    <search className="analytics-filters">
      <label>
        <span>Range</span>
        <select
          value={filters.preset}
          onChange={(e) => set('preset', e.target.value as AnalyticsFilters['preset'])}
        >
          <option value="1">Last 24 hours</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="custom">Dates…</option>
        </select>
      </label>
      {filters.preset === 'custom' ? (
        <>
          <label>
            <span>From</span>
            <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
          </label>
          <label>
            <span>To</span>
            <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
          </label>
        </>
      ) : null}
      <label>
        <span>Interval</span>
        <select value={filters.grain} onChange={(e) => set('grain', e.target.value as Grain)}>
          {GRAINS.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Times in</span>
        <select
          value={filters.clock}
          onChange={(e) => set('clock', e.target.value as AnalyticsFilters['clock'])}
        >
          <option value="wall">Wall-clock time</option>
          <option value="business">Business hours</option>
        </select>
      </label>
      <label>
        <span>Happened</span>
        <select
          value={filters.hours}
          onChange={(e) => set('hours', e.target.value as AnalyticsFilters['hours'])}
        >
          <option value="all">Any time</option>
          <option value="in">In business hours</option>
          <option value="out">Out of hours</option>
        </select>
      </label>
      <label>
        <span>Channel</span>
        <select value={filters.channelId ?? ''} onChange={(e) => set('channelId', e.target.value || null)}>
          <option value="">All</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({providerLabel(channel.provider)})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Visibility</span>
        <select
          value={filters.visibility ?? ''}
          onChange={(e) => set('visibility', (e.target.value || null) as AnalyticsFilters['visibility'])}
        >
          <option value="">Public and private</option>
          <option value="public">Public</option>
          <option value="private">Private</option>
        </select>
      </label>
      <label>
        <span>Team</span>
        <select value={filters.teamId ?? ''} onChange={(e) => set('teamId', e.target.value || null)}>
          <option value="">All</option>
          {teams
            .filter((t) => t.key)
            .map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>Agent</span>
        <select value={filters.agentId ?? ''} onChange={(e) => set('agentId', e.target.value || null)}>
          <option value="">Anyone</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Priority</span>
        <select value={filters.priority ?? ''} onChange={(e) => set('priority', e.target.value || null)}>
          <option value="">Any</option>
          {['urgent', 'high', 'normal', 'low'].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Intent</span>
        <select value={filters.intent ?? ''} onChange={(e) => set('intent', e.target.value || null)}>
          <option value="">Any</option>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}
