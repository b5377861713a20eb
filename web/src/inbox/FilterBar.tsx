import type { ConversationStatus, Priority, Sentiment } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';
import { providerLabel } from '../ui/format.ts';
import { LabelFilter } from './LabelFilter.tsx';
import type { Filters } from './queue.ts';

const STATUSES: ConversationStatus[] = ['new', 'open', 'pending', 'snoozed', 'resolved', 'closed'];
const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];
const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
// Triage's intent taxonomy (server/src/triage/types.ts, docs/triage.md).
const INTENTS = [
  'order_status',
  'delivery',
  'refund_return',
  'billing_payment',
  'account_login',
  'cancellation',
  'technical_outage',
  'product_question',
  'complaint',
  'praise',
  'feedback',
  'other',
];

export function FilterBar({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const { channels, users, me } = useDesk();
  return (
    <search className="filters">
      <label>
        <span className="visually-hidden">Search</span>
        <input
          type="search"
          placeholder="Search customer or text"
          value={filters.text}
          onChange={(event) => onChange({ ...filters, text: event.target.value })}
        />
      </label>
      <label>
        <span>Channel</span>
        <select
          name="channel"
          value={filters.channelId ?? ''}
          onChange={(event) => onChange({ ...filters, channelId: event.target.value || null })}
        >
          <option value="">All</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({providerLabel(channel.provider)})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Status</span>
        <select
          name="status"
          value={filters.status ?? ''}
          onChange={(event) =>
            onChange({ ...filters, status: (event.target.value || null) as ConversationStatus | null })
          }
        >
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Priority</span>
        <select
          name="priority"
          value={filters.priority ?? ''}
          onChange={(event) =>
            onChange({ ...filters, priority: (event.target.value || null) as Priority | null })
          }
        >
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Sentiment</span>
        <select
          name="sentiment"
          value={filters.sentiment ?? ''}
          onChange={(event) =>
            onChange({ ...filters, sentiment: (event.target.value || null) as Sentiment | null })
          }
        >
          <option value="">Any</option>
          {SENTIMENTS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Intent</span>
        <select
          name="intent"
          value={filters.intent ?? ''}
          onChange={(event) => onChange({ ...filters, intent: event.target.value || null })}
        >
          <option value="">Any</option>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {i.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <LabelFilter
        value={filters.labelId ?? null}
        onChange={(labelId) => onChange({ ...filters, labelId })}
      />
      <label>
        <span>Assignee</span>
        <select
          name="assignee"
          value={filters.assigneeId ?? ''}
          onChange={(event) => onChange({ ...filters, assigneeId: event.target.value || null })}
        >
          <option value="">Anyone</option>
          <option value="none">Unassigned</option>
          <option value={me.user.id}>Me</option>
          {users
            .filter((u) => u.id !== me.user.id)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </label>
    </search>
  );
}
