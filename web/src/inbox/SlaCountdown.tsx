import type { Conversation } from '../api/types.ts';
import { formatTime } from '../ui/format.ts';
import { slaCountdown } from './sla-countdown.ts';
import './routing-row.css';

const STATE_TEXT = {
  ok: 'SLA due in',
  at_risk: 'SLA at risk, due in',
  breached: 'SLA breached',
  paused: 'SLA paused',
} as const;

/** Time left to the next due SLA: neutral while on time, amber at risk, red once breached. */
export function SlaCountdown({ conversation, nowMs }: { conversation: Conversation; nowMs: number }) {
  const countdown = slaCountdown(conversation, nowMs);
  if (countdown.state === 'none') return null;
  const due = countdown.dueAt ? ` (due ${formatTime(countdown.dueAt)})` : '';
  const text =
    countdown.state === 'breached'
      ? `${STATE_TEXT.breached}${countdown.remainingMs !== null ? `, ${countdown.label} overdue` : ''}${due}`
      : countdown.state === 'paused'
        ? `${STATE_TEXT.paused}${due}`
        : `${STATE_TEXT[countdown.state]} ${countdown.label}${due}`;
  return (
    <span className={`sla-countdown sla-${countdown.state}`} title={text} data-sla-state={countdown.state}>
      <span className="visually-hidden">{text}</span>
      <span aria-hidden="true">SLA {countdown.label}</span>
    </span>
  );
}
