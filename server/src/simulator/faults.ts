// Fault injection: which sends the simulator refuses or leaves hanging, and what a refusal looks
// like on each platform (status, headers and body in the platform's own format).

export interface FaultRates {
  /** HTTP 500 before accepting. */
  serverError?: number;
  /** HTTP 429 with the platform's reset headers (X `x-rate-limit-reset`, `Retry-After`). */
  rateLimit?: number;
  /** Meta throttling error bodies (codes 4 and 613, `is_transient`); on X and the API channel a 429. */
  throttle?: number;
  /** Accept the send, then answer only after the client gave up: the outcome is unknown to Parley. */
  timeout?: number;
}

export type Fault = 'server_error' | 'rate_limit' | 'throttle' | 'timeout';
export type PlatformFamily = 'meta' | 'x' | 'api';

export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function drawFault(random: () => number, rates: FaultRates): Fault | null {
  const roll = random();
  let edge = 0;
  for (const [fault, rate] of [
    ['server_error', rates.serverError],
    ['rate_limit', rates.rateLimit],
    ['throttle', rates.throttle],
    ['timeout', rates.timeout],
  ] as const) {
    edge += rate ?? 0;
    if (roll < edge) return fault;
  }
  return null;
}

/** The refusal for a fault other than a timeout; `resetMs` is how far ahead the limit resets. */
export function refusal(
  fault: Exclude<Fault, 'timeout'>,
  family: PlatformFamily,
  now: Date,
  resetMs: number,
  random: () => number,
): CannedResponse {
  const json = { 'content-type': 'application/json' };
  const retryAfterSeconds = String(Math.max(0, Math.ceil(resetMs / 1000)));
  if (fault === 'server_error') {
    if (family === 'meta') {
      const body = {
        error: {
          message: 'An unexpected error has occurred. Please retry your request later.',
          type: 'OAuthException',
          code: 2,
          is_transient: true,
          fbtrace_id: 'SimTrace',
        },
      };
      return { status: 500, headers: json, body: JSON.stringify(body) };
    }
    if (family === 'x') {
      return {
        status: 500,
        headers: json,
        body: JSON.stringify({
          title: 'Internal Server Error',
          detail: 'Internal Server Error',
          type: 'about:blank',
          status: 500,
        }),
      };
    }
    return { status: 500, headers: json, body: '{"error":"internal error"}' };
  }
  if (family === 'x') {
    // X resets are whole epoch seconds: round up so the reset is never before the wait asked for.
    const reset = String(Math.ceil((now.getTime() + resetMs) / 1000));
    return {
      status: 429,
      headers: {
        ...json,
        'x-rate-limit-limit': '300',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': reset,
        'retry-after': retryAfterSeconds,
      },
      body: JSON.stringify({
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      }),
    };
  }
  if (family === 'api') {
    return {
      status: 429,
      headers: { ...json, 'retry-after': retryAfterSeconds },
      body: '{"error":"slow down"}',
    };
  }
  if (fault === 'rate_limit') {
    const body = {
      error: {
        message: 'Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        code: 613,
        is_transient: true,
        fbtrace_id: 'SimTrace',
      },
    };
    return {
      status: 429,
      headers: { ...json, 'retry-after': retryAfterSeconds },
      body: JSON.stringify(body),
    };
  }
  // Meta mostly signals throttling in the body of a 400/403, without Retry-After.
  const isAppLimit = random() < 0.5;
  const error = isAppLimit
    ? {
        message: 'Application request limit reached',
        type: 'OAuthException',
        code: 4,
        is_transient: true,
        fbtrace_id: 'SimTrace',
      }
    : {
        message: 'Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        code: 613,
        is_transient: true,
        fbtrace_id: 'SimTrace',
      };
  return { status: isAppLimit ? 403 : 400, headers: json, body: JSON.stringify({ error }) };
}
