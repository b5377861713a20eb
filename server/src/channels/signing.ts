import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Shared HMAC helpers for webhook signatures (Meta: hex, X: base64). Always computed over raw bytes.

export function hmacSha256Hex(key: string | Buffer, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

export function hmacSha256Base64(key: string | Buffer, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('base64');
}

/**
 * Constant-time string comparison that is safe for inputs of different lengths: both sides are
 * hashed to 32 bytes first, so neither an early return nor `timingSafeEqual`'s length check leaks
 * how much of a forged signature was right.
 */
export function timingSafeEqualStr(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

/** One header value, case-insensitively; a repeated header is ambiguous and counts as absent. */
export function singleHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}
