import { createHash } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { ChannelContext } from '../adapter.ts';

// Helpers shared by every webhook parser (Meta and X): JSON at the edge, schema checks with a
// readable path, and epoch conversion. Errors here are thrown so the pipeline parks the event.

export class PayloadError extends Error {
  override name = 'PayloadError';
}

export function parseJsonObject(rawBody: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new PayloadError(`payload is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new PayloadError('payload is not a JSON object');
  return value;
}

/** The static type a compiled schema checks for. */
export type ShapeOf<C> = C extends TypeCheck<infer T> ? Static<T> : never;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validate `value` against a compiled schema; the error names the first failing path. */
export function expectShape<T extends TSchema>(
  check: TypeCheck<T>,
  value: unknown,
  where: string,
): Static<T> {
  if (check.Check(value)) return value;
  const first = check.Errors(value).First();
  const path = first?.path ? `${where}${first.path.replaceAll('/', '.')}` : where;
  throw new PayloadError(`${path}: ${first?.message ?? 'does not match the expected shape'}`);
}

/**
 * Epoch seconds or milliseconds (number or numeric string) to ISO 8601. Meta mixes both units
 * (messaging timestamps in ms, feed/WhatsApp in s); 1e11 s is the year 5138, so the cut is safe.
 */
export function epochToIso(value: number | string, where: string): string {
  const numeric = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof numeric !== 'number' || !Number.isFinite(numeric) || numeric < 0) {
    throw new PayloadError(`${where}: not an epoch timestamp (${JSON.stringify(value)})`);
  }
  const ms = numeric < 1e11 ? numeric * 1000 : numeric;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || ms > 8.64e15)
    throw new PayloadError(`${where}: timestamp out of range`);
  return date.toISOString();
}

/** Short stable digest used to tell apart distinct edits that share an id and a time. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

export function settingString(channel: ChannelContext, key: string): string | undefined {
  const value = channel.settings[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function requireAccessToken(channel: ChannelContext): string {
  const token = channel.secrets.accessToken;
  if (!token) throw new Error(`channel ${channel.id} (${channel.provider}) has no access token configured`);
  return token;
}

export function jsonRequestHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** Case-insensitive header lookup for send responses. */
export function responseHeader(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** `Retry-After` as seconds or an HTTP date, in ms from `now`. */
export function retryAfterMs(headers: Record<string, string>, now: Date): number | undefined {
  const value = responseHeader(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
