import type { SendOutcome } from '../adapter.ts';
import { isRecord, responseHeader, retryAfterMs, safeJson } from './payload.ts';

// Graph API answers: success ids differ by endpoint (Send API `message_id`, comments `id`,
// WhatsApp `messages[0].id`); throttling shows up as error codes, not only as HTTP 429.

const THROTTLING_CODES = new Set([
  4, // application request limit
  17, // user request limit
  32, // page request limit
  613, // calls exceeded the rate limit
  130429, // WhatsApp throughput reached
  131048, // WhatsApp spam rate limit
  131056, // WhatsApp pair rate limit (too many to one user)
  133016, // WhatsApp registration rate limit
]);
const TRANSIENT_CODES = new Set([1, 2]); // unknown error, service temporarily unavailable

function isThrottlingCode(code: number): boolean {
  // 80001–80014: business-use-case limits (pages, Instagram, Messenger, WhatsApp, …).
  return THROTTLING_CODES.has(code) || (code >= 80001 && code <= 80014);
}

export function interpretGraphSend(
  status: number,
  headers: Record<string, string>,
  body: string,
  now: Date,
): SendOutcome {
  const json = safeJson(body);
  if (status >= 200 && status < 300) {
    const id = successId(json);
    if (id) return { kind: 'sent', externalId: id };
    return {
      kind: 'failed',
      error: `Meta accepted the request (HTTP ${status}) but returned no message id; check the platform before resending`,
    };
  }
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const message = describe(status, error);
  const isTransient = error?.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code));
  const isThrottled = status === 429 || (code !== undefined && isThrottlingCode(code));
  if (isThrottled || isTransient || status >= 500) {
    const delay = retryDelayMs(headers, now);
    return { kind: 'retry', error: message, ...(delay !== undefined ? { retryAfterMs: delay } : {}) };
  }
  return { kind: 'failed', error: message };
}

function successId(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined;
  if (typeof json.message_id === 'string' && json.message_id) return json.message_id;
  if (typeof json.id === 'string' && json.id) return json.id;
  if (Array.isArray(json.messages) && isRecord(json.messages[0]) && typeof json.messages[0].id === 'string') {
    return json.messages[0].id || undefined;
  }
  return undefined;
}

function describe(status: number, error: Record<string, unknown> | undefined): string {
  if (!error) return `HTTP ${status} from Meta`;
  const raw = typeof error.error_user_msg === 'string' ? error.error_user_msg : error.message;
  const text = typeof raw === 'string' ? raw : `HTTP ${status} from Meta`;
  // WhatsApp messages already start with "(#code)"; Graph ones do not.
  const code = error.code !== undefined && !text.startsWith('(#') ? `(#${String(error.code)}) ` : '';
  return `${code}${text}`;
}

/**
 * The longest wait any header asks for: `Retry-After`, or `estimated_time_to_regain_access`
 * (minutes) in the business-use-case / page usage headers.
 */
function retryDelayMs(headers: Record<string, string>, now: Date): number | undefined {
  const waits: number[] = [];
  const retryAfter = retryAfterMs(headers, now);
  if (retryAfter !== undefined) waits.push(retryAfter);
  for (const name of ['x-business-use-case-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const minutes = regainMinutes(safeJson(responseHeader(headers, name) ?? ''));
    if (minutes !== undefined) waits.push(minutes * 60_000);
  }
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

function regainMinutes(usage: unknown): number | undefined {
  const found: number[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isRecord(value)) {
      const eta = value.estimated_time_to_regain_access;
      if (typeof eta === 'number' && eta > 0) found.push(eta);
      for (const nested of Object.values(value)) if (typeof nested === 'object') visit(nested, depth + 1);
    }
  };
  visit(usage, 0);
  return found.length > 0 ? Math.max(...found) : undefined;
}
