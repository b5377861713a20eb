// The SLA events of a conversation, rebuilt from its activity log, and the per-batch policy cache.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { Priority, SlaChannel, SlaEvent } from '../core.ts';
import { type LoadedSla, loadSlaPolicy } from './calendars.ts';

export const SLA_CHANNELS: SlaChannel[] = [
  'x',
  'instagram',
  'facebook',
  'messenger',
  'whatsapp',
  'email',
  'webchat',
  'api',
];
const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export const SLA_EVENT_KINDS = [
  'message.received',
  'reply.sent',
  'conversation.status_changed',
  'conversation.reopened',
  'conversation.priority_changed',
] as const;

/** Policies per account (and per policy id) for one batch of work. */
export class SlaPolicyCache {
  readonly #cache = new Map<string, Promise<LoadedSla>>();
  get(db: Kysely<DB>, accountId: string, policyId: string | null): Promise<LoadedSla> {
    const key = `${accountId}:${policyId ?? ''}`;
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = loadSlaPolicy(db, accountId, policyId);
      this.#cache.set(key, hit);
    }
    return hit;
  }
}

export function toSlaEvents(
  rows: { kind: string; data: Record<string, unknown>; occurred_at: Date }[],
): SlaEvent[] {
  const events: SlaEvent[] = [];
  // Triage's priority on each message moves the conversation only until someone sets it by hand.
  let isManual = false;
  for (const row of rows) {
    const at = row.occurred_at.getTime();
    const data = row.data;
    if (row.kind === 'message.received') {
      events.push({ kind: 'customer_message', at });
      if (!isManual && typeof data.priority === 'string' && PRIORITIES.includes(data.priority as Priority))
        events.push({ kind: 'priority', at, priority: data.priority as Priority });
    } else if (row.kind === 'reply.sent') events.push({ kind: 'agent_reply', at });
    else if (row.kind === 'conversation.reopened') events.push({ kind: 'reopen', at });
    else if (row.kind === 'conversation.priority_changed') {
      if (data.isManual) isManual = true;
      if (PRIORITIES.includes(data.to as Priority))
        events.push({ kind: 'priority', at, priority: data.to as Priority });
    } else if (row.kind === 'conversation.status_changed') {
      const to = data.to as string;
      const status = to === 'closed' ? 'resolved' : to === 'new' ? 'open' : to;
      if (status === 'open' || status === 'pending' || status === 'snoozed' || status === 'resolved')
        events.push({ kind: 'status', at, status });
    }
  }
  return events;
}
