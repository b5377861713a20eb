// One error type for the whole server; the HTTP layer maps each code to a status once, here.

const statusByCode = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  conversation_not_found: 404,
  contact_not_found: 404,
  channel_not_found: 404,
  user_not_found: 404,
  message_not_found: 404,
  event_not_found: 404,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  reply_refused: 422,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code.replaceAll('_', ' '));
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function statusForCode(code: string): number {
  return (statusByCode as Record<string, number>)[code] ?? 500;
}
