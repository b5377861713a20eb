import type { NormalizedEvent } from '../adapter.ts';

// What every parsed event must look like, whatever the payload: used by the contract suite and
// by the fuzz tests on random input.

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const KINDS = new Set(['message', 'edit', 'delete', 'status']);
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

function isIso(value: unknown): boolean {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

export function eventProblems(event: NormalizedEvent): string[] {
  const problems: string[] = [];
  const record = event as unknown as Record<string, unknown>;
  if (typeof record.eventKey !== 'string' || record.eventKey.length === 0) problems.push('eventKey is empty');
  if (!KINDS.has(String(record.kind))) problems.push(`unknown kind ${String(record.kind)}`);
  if (!isIso(record.occurredAt)) problems.push(`occurredAt is not ISO 8601: ${String(record.occurredAt)}`);
  if (typeof record.externalId !== 'string') problems.push('externalId is not a string');
  if (event.kind === 'message') {
    if (event.externalId.length === 0) problems.push('message externalId is empty');
    if (typeof event.author?.externalUserId !== 'string' || event.author.externalUserId.length === 0) {
      problems.push('message author has no externalUserId');
    }
    if (typeof event.text !== 'string') problems.push('message text is not a string');
    if (!Array.isArray(event.attachments)) problems.push('message attachments is not an array');
    if (typeof event.isPublic !== 'boolean' || typeof event.isEcho !== 'boolean')
      problems.push('flags not boolean');
    if (typeof event.surface !== 'string' || event.surface.length === 0) problems.push('surface is empty');
  }
  if (event.kind === 'edit' && typeof event.text !== 'string') problems.push('edit text is not a string');
  if (event.kind === 'status') {
    if (!STATUSES.has(event.status)) problems.push(`unknown status ${String(event.status)}`);
    if (event.watermark !== undefined && !isIso(event.watermark)) problems.push('watermark is not ISO 8601');
    if (event.externalId === '' && event.watermark === undefined)
      problems.push('status has neither id nor watermark');
  }
  return problems;
}

export function deliveryProblems(events: NormalizedEvent[]): string[] {
  const problems = events.flatMap((event, index) => eventProblems(event).map((p) => `event ${index}: ${p}`));
  const keys = events.map((event) => event.eventKey);
  if (new Set(keys).size !== keys.length)
    problems.push(`duplicate eventKeys in one delivery: ${keys.join(', ')}`);
  return problems;
}
