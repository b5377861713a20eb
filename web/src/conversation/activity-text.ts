import type { Activity } from '../api/desk.ts';

type Names = (userId: unknown) => string;

/** Timeline kinds already shown as messages or notes. */
const SHOWN_ELSEWHERE = new Set(['message.received', 'reply.sent', 'reply.automated', 'note.added']);

const SLA_METRICS: Record<string, string> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};
const slaMetric = (metric: unknown) => SLA_METRICS[String(metric)] ?? String(metric).replaceAll('_', ' ');
const dueTime = (iso: unknown) => (typeof iso === 'string' ? new Date(iso).toLocaleString() : 'now');

/** One line for an activity entry, or null when the timeline shows it another way. */
export function describeActivity(a: Activity, nameOf: Names): string | null {
  if (SHOWN_ELSEWHERE.has(a.kind)) return null;
  const d = a.data as Record<string, unknown>;
  const who = a.actorName ?? (d.reason === 'rule' ? 'A rule' : 'Parley');
  switch (a.kind) {
    case 'conversation.created':
      return 'Conversation started';
    case 'conversation.reopened':
      return 'Reopened by a new customer message';
    case 'conversation.assigned':
      if (d.from === d.to) return `${who} moved it to another team`;
      return d.to ? `${who} assigned it to ${nameOf(d.to)}` : `${who} unassigned it`;
    case 'conversation.status_changed':
      if (d.to === 'snoozed') return `${who} snoozed it until ${new Date(String(d.until)).toLocaleString()}`;
      if (d.reason === 'snooze_ended') return 'Snooze ended';
      return `${who} changed status ${String(d.from)} → ${String(d.to)}`;
    case 'conversation.priority_changed':
      return `${who} set priority ${String(d.from)} → ${String(d.to)}`;
    case 'label.added':
      return `${who} added label “${String(d.name)}”`;
    case 'label.removed':
      return `${who} removed label “${String(d.name)}”`;
    case 'conversation.merged':
      return d.role === 'target'
        ? 'Another conversation was merged into this one'
        : 'Merged into another conversation';
    case 'conversation.transferred':
      return `${who} transferred it to a team`;
    case 'rule.fired': {
      const actions = (d.actions as { type: string; result: string }[] | undefined) ?? [];
      const done = actions.map(
        (x) => `${x.type.replaceAll('_', ' ')}${x.result === 'done' ? '' : ` (${x.result})`}`,
      );
      return `Rule “${String(d.ruleName)}” fired: ${done.join(', ')}`;
    }
    case 'rule.suggest_private':
      return `Suggestion: ${String(d.text)}`;
    case 'approval.requested':
      return `${who} sent a reply for approval`;
    case 'approval.approved':
      return `${who} approved a reply${d.isEdited ? ' (edited)' : ''}`;
    case 'approval.rejected':
      return `${who} rejected a reply: ${String(d.reason)}`;
    case 'sla.met':
      return `SLA met: ${slaMetric(d.metric)}`;
    case 'sla.at_risk':
      return `SLA at risk: ${slaMetric(d.metric)} due ${dueTime(d.dueAt)}`;
    case 'sla.breached':
      return `SLA breached: ${slaMetric(d.metric)} was due ${dueTime(d.dueAt)}`;
    default:
      return `${a.kind.replaceAll('.', ' ').replaceAll('_', ' ')}`;
  }
}
