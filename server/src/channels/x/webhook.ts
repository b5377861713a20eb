import type { ChannelContext, WebhookRequest } from '../adapter.ts';
import { hmacSha256Base64, singleHeader, timingSafeEqualStr } from '../signing.ts';

// Account Activity security: the CRC answer and the POST signature are both
// base64(HMAC-SHA256(consumer secret, …)), over the crc_token and the raw body respectively.

export function answerCrc(
  req: WebhookRequest,
  channel: ChannelContext,
): { status: number; contentType: string; body: string } | null {
  const secret = channel.secrets.signingSecret;
  const crcToken = req.query.crc_token;
  if (!secret || !crcToken) return null;
  const responseToken = `sha256=${hmacSha256Base64(secret, crcToken)}`;
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ response_token: responseToken }),
  };
}

const SIGNATURE_PATTERN = /^sha256=([A-Za-z0-9+/]{43}=)$/;

export function verifyXSignature(req: WebhookRequest, channel: ChannelContext): boolean {
  const secret = channel.secrets.signingSecret;
  const header = singleHeader(req.headers, 'x-twitter-webhooks-signature');
  if (!secret || !header) return false;
  const match = SIGNATURE_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  return timingSafeEqualStr(match[1], hmacSha256Base64(secret, req.rawBody));
}
