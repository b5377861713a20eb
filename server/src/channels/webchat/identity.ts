import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

// Who a web chat visitor is. A brand that knows its user signs the user id with the channel secret
// on its own server (identity verification); anyone else gets an anonymous visitor id with a token
// Parley signs, so only the browser that holds it can resume that visitor's chat.

export function hmacHex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

function equalHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.trim().toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the brand's server computes: hex HMAC-SHA256 of the user id with the channel secret. */
export function signUserId(secret: string, userId: string): string {
  return hmacHex(secret, userId);
}

export function visitorToken(secret: string, visitorId: string): string {
  return hmacHex(secret, `parley-webchat-visitor:${visitorId}`);
}

export type VisitorIdentity =
  | { ok: true; visitorId: string; token: string; isVerified: boolean }
  | { ok: false; code: 'identity_invalid' | 'identity_required' | 'not_configured'; message: string };

const USER_ID = /^[\w.@:+-]{1,200}$/;
const VISITOR_ID = /^v_[0-9a-f-]{36}$/;

export function resolveVisitor(
  secret: string | undefined,
  query: { userId?: string; userHash?: string; visitorId?: string; token?: string },
  requireIdentity: boolean,
): VisitorIdentity {
  if (!secret) {
    return { ok: false, code: 'not_configured', message: 'This chat channel has no secret configured' };
  }
  if (query.userId !== undefined || query.userHash !== undefined) {
    const { userId = '', userHash = '' } = query;
    if (!USER_ID.test(userId) || !equalHex(signUserId(secret, userId), userHash)) {
      return { ok: false, code: 'identity_invalid', message: 'The user id signature does not match' };
    }
    const visitorId = `user:${userId}`;
    return { ok: true, visitorId, token: visitorToken(secret, visitorId), isVerified: true };
  }
  if (requireIdentity) {
    return { ok: false, code: 'identity_required', message: 'This chat needs a signed-in user' };
  }
  if (query.visitorId && query.token && VISITOR_ID.test(query.visitorId)) {
    if (equalHex(visitorToken(secret, query.visitorId), query.token)) {
      return { ok: true, visitorId: query.visitorId, token: query.token, isVerified: false };
    }
  }
  // No or wrong token: a new anonymous visitor (never someone else's chat).
  const visitorId = `v_${randomUUID()}`;
  return { ok: true, visitorId, token: visitorToken(secret, visitorId), isVerified: false };
}

/** Allowed origins: none configured means any page may embed the widget. */
export function isOriginAllowed(allowed: unknown, origin: string | undefined): boolean {
  if (!Array.isArray(allowed) || allowed.length === 0) return true;
  if (!origin) return false;
  const normalized = origin.replace(/\/$/, '').toLowerCase();
  return allowed.some(
    (entry) => typeof entry === 'string' && entry.replace(/\/$/, '').toLowerCase() === normalized,
  );
}
