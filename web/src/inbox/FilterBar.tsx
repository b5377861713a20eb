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
      <Choice
        label="Status"
        name="status"
        value={filters.status}
        options={STATUSES}
        onChange={(status) => onChange({ ...filters, status })}
      />
      <Choice
        label="Priority"
        name="priority"
        value={filters.priority}
        options={PRIORITIES}
        onChange={(priority) => onChange({ ...filters, priority })}
      />
      <Choice
        label="Sentiment"
        name="sentiment"
        value={filters.sentiment ?? null}
        options={SENTIMENTS}
        onChange={(sentiment) => onChange({ ...filters, sentiment })}
      />
      <Choice
        label="Intent"
        name="intent"
        value={filters.intent ?? null}
        options={INTENTS}
        format={(intent) => intent.replaceAll('_', ' ')}
        onChange={(intent) => onChange({ ...filters, intent })}
      />
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

/** One filter chosen from a fixed list, or "Any". */
function Choice<T extends string>(props: {
  label: string;
  name: string;
  value: T | null;
  options: readonly T[];
  format?: (option: T) => string;
  onChange: (value: T | null) => void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <select
        name={props.name}
        value={props.value ?? ''}
        onChange={(event) => props.onChange((event.target.value || null) as T | null)}
      >
        <option value="">Any</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.format ? props.format(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}
