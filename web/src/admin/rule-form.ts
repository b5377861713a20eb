// How the rules panel turns form rows into rule JSON: one text field per condition or action,
// read according to its type (lists are comma-separated).

export const TRIGGERS = [
  { type: 'message_received', label: 'A customer message arrives' },
  { type: 'conversation_created', label: 'A conversation starts' },
  { type: 'conversation_updated', label: 'A conversation changes (assignment, status, priority, labels)' },
  { type: 'conversation_resolved', label: 'A conversation is resolved' },
  { type: 'no_agent_reply', label: 'No agent reply for … minutes' },
  { type: 'sla_at_risk', label: 'An SLA is at risk' },
  { type: 'scheduled', label: 'Every … minutes, over open conversations' },
] as const;

type Kind = 'list' | 'text' | 'bool' | 'number' | 'min' | 'none';

export const CONDITIONS: Record<string, { label: string; kind: Kind; key: string; hint: string }> = {
  channel: { label: 'Channel is', kind: 'list', key: 'values', hint: 'x, facebook or channel ids' },
  visibility: { label: 'Visibility is', kind: 'text', key: 'value', hint: 'public or private' },
  text_contains: { label: 'Text contains any of', kind: 'list', key: 'values', hint: 'refund, broken' },
  text_matches: { label: 'Text matches pattern', kind: 'text', key: 'pattern', hint: '\\border\\s*#?\\d+' },
  sentiment: { label: 'Sentiment is', kind: 'list', key: 'values', hint: 'negative' },
  intent: { label: 'Intent is', kind: 'list', key: 'values', hint: 'complaint, refund_return' },
  priority: { label: 'Priority is', kind: 'list', key: 'values', hint: 'urgent, high' },
  follower_count: { label: 'Followers at least', kind: 'min', key: 'min', hint: '10000' },
  language: { label: 'Language is', kind: 'list', key: 'values', hint: 'en, es' },
  vip: { label: 'Customer is VIP', kind: 'bool', key: 'value', hint: 'yes or no' },
  business_hours: { label: 'Within business hours', kind: 'bool', key: 'value', hint: 'yes or no' },
  label: { label: 'Has label', kind: 'text', key: 'labelId', hint: 'choose a label' },
};

export const ACTIONS: Record<string, { label: string; kind: Kind; key: string; hint: string }> = {
  assign_agent: { label: 'Assign to agent', kind: 'text', key: 'userId', hint: 'choose a user' },
  assign_team: { label: 'Assign to team (id)', kind: 'text', key: 'teamId', hint: 'team id' },
  set_priority: { label: 'Set priority', kind: 'text', key: 'priority', hint: 'urgent, high, normal or low' },
  add_label: { label: 'Add label', kind: 'text', key: 'labelId', hint: 'choose a label' },
  send_acknowledgement: {
    label: 'Send acknowledgement (private only)',
    kind: 'text',
    key: 'text',
    hint: 'Hi {{contact.first_name}}, we are on it.',
  },
  suggest_private: {
    label: 'Suggest moving to private',
    kind: 'text',
    key: 'text',
    hint: 'optional note for the agent',
  },
  snooze: { label: 'Snooze for minutes', kind: 'number', key: 'minutes', hint: '60' },
  resolve_spam: { label: 'Resolve as spam', kind: 'none', key: '', hint: '' },
  notify: { label: 'Notify the desk', kind: 'text', key: 'message', hint: 'VIP waiting!' },
  webhook: {
    label: 'Call webhook (URL secret)',
    kind: 'text',
    key: 'url',
    hint: 'https://example.com/hook  a-16-char-secret…',
  },
};

export interface Row {
  type: string;
  value: string;
}

function read(kind: Kind, key: string, value: string): Record<string, unknown> {
  const v = value.trim();
  switch (kind) {
    case 'list':
      return {
        [key]: v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'bool':
      return { [key]: /^(y|yes|true|1)$/i.test(v) };
    case 'number':
    case 'min':
      return { [key]: Number(v) };
    case 'none':
      return {};
    default:
      return { [key]: v };
  }
}

export function conditionFromRow(row: Row): Record<string, unknown> {
  const spec = CONDITIONS[row.type];
  return { type: row.type, ...(spec ? read(spec.kind, spec.key, row.value) : {}) };
}

export function actionFromRow(row: Row): Record<string, unknown> {
  if (row.type === 'webhook') {
    const [url = '', secret = ''] = row.value.trim().split(/\s+/);
    return { type: 'webhook', url, secret };
  }
  const spec = ACTIONS[row.type];
  return { type: row.type, ...(spec ? read(spec.kind, spec.key, row.value) : {}) };
}

/** A stored condition or action back into a form row. */
export function rowOf(
  item: Record<string, unknown>,
  specs: Record<string, { kind: Kind; key: string }>,
): Row {
  const type = String(item.type);
  if (type === 'webhook') return { type, value: `${String(item.url)} ${String(item.secret)}` };
  const spec = specs[type];
  if (!spec || spec.kind === 'none') return { type, value: '' };
  const value = item[spec.key];
  if (Array.isArray(value)) return { type, value: value.join(', ') };
  if (typeof value === 'boolean') return { type, value: value ? 'yes' : 'no' };
  return { type, value: value === undefined ? '' : String(value) };
}
