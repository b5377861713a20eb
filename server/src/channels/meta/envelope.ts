import type { NormalizedEvent } from '../adapter.ts';
import type { EntryContext } from './parse-messaging.ts';
import { expectShape, PayloadError, parseJsonObject } from './payload.ts';
import { MetaEnvelope } from './schemas.ts';

export interface MetaEntry extends EntryContext {
  messaging?: unknown[];
  changes?: unknown[];
}

/**
 * Parse a Meta delivery `{object, entry[]}`. A different `object` belongs to another adapter (one
 * Meta app can feed several channels) and yields no events; a malformed envelope throws.
 */
export function parseMetaDelivery(
  rawBody: Buffer,
  expectedObject: string,
  parseEntry: (entry: MetaEntry, where: string) => NormalizedEvent[],
): NormalizedEvent[] {
  const payload = parseJsonObject(rawBody);
  if (typeof payload.object !== 'string')
    throw new PayloadError('payload.object: not a Meta webhook delivery');
  if (payload.object !== expectedObject) return [];
  const envelope = expectShape(MetaEnvelope, payload, 'payload');
  return envelope.entry.flatMap((entry, index) => parseEntry(entry, `entry.${index}`));
}
