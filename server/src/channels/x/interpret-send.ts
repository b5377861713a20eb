import type { SendOutcome } from '../adapter.ts';
import { isRecord, responseHeader, retryAfterMs, safeJson } from '../meta/payload.ts';

// X answers: `data.id` for posts, `data.dm_event_id` for DMs. Rate limits come as
// x-rate-limit-{remaining,reset} (15-minute windows) and x-*-limit-24hour-* caps, reset in epoch seconds.

const RESET_HEADERS: ReadonlyArray<readonly [remaining: string, reset: string]> = [
  ['x-rate-limit-remaining', 'x-rate-limit-reset'],
  ['x-user-limit-24hour-remaining', 'x-user-limit-24hour-reset'],
  ['x-app-limit-24hour-remaining', 'x-app-limit-24hour-reset'],
];

export function interpretXSend(
  status: number,
  headers: Record<string, string>,
  body: string,
  now: Date,
): SendOutcome {
  const json = safeJson(body);
  if (status >= 200 && status < 300) {
    const data = isRecord(json) && isRecord(json.data) ? json.data : undefined;
    const id = data?.id ?? data?.dm_event_id;
    if (typeof id === 'string' && id) return { kind: 'sent', externalId: id };
    return {
      kind: 'failed',
      error: `X accepted the request (HTTP ${status}) but returned no id; check X before resending`,
    };
  }
  const message = describe(status, json);
  if (status === 429 || status >= 500) {
    const wait = waitUntilReset(headers, now, status === 429) ?? retryAfterMs(headers, now);
    return { kind: 'retry', error: message, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  return { kind: 'failed', error: message };
}

/** Longest wait until an exhausted window resets; on 429 the 15-minute reset counts even without `remaining`. */
function waitUntilReset(
  headers: Record<string, string>,
  now: Date,
  isRateLimited: boolean,
): number | undefined {
  const waits: number[] = [];
  for (const [remainingName, resetName] of RESET_HEADERS) {
    const remaining = responseHeader(headers, remainingName);
    const reset = Number(responseHeader(headers, resetName));
    const isExhausted =
      remaining === '0' || (isRateLimited && remaining === undefined && resetName === 'x-rate-limit-reset');
    if (isExhausted && Number.isFinite(reset) && reset > 0)
      waits.push(Math.max(0, reset * 1000 - now.getTime()));
  }
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

function describe(status: number, json: unknown): string {
  if (isRecord(json)) {
    if (typeof json.detail === 'string')
      return `${typeof json.title === 'string' ? `${json.title}: ` : ''}${json.detail}`;
    if (
      Array.isArray(json.errors) &&
      isRecord(json.errors[0]) &&
      typeof json.errors[0].message === 'string'
    ) {
      return json.errors[0].message;
    }
    if (typeof json.title === 'string') return json.title;
  }
  return `HTTP ${status} from X`;
}
