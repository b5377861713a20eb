import type { ChannelContext, WebhookRequest } from '../adapter.ts';
import { hmacSha256Hex, singleHeader, timingSafeEqualStr } from '../signing.ts';

// The GET handshake and POST signature are the same for every Meta product (Messenger, Page feed,
// Instagram, WhatsApp): one app secret and one verify token per channel.

export function answerMetaHandshake(
  req: WebhookRequest,
  channel: ChannelContext,
): { status: number; contentType: string; body: string } | null {
  const expectedToken = channel.secrets.verifyToken;
  const mode = req.query['hub.mode'];
  const token = req.query['hub.verify_token'];
  const challenge = req.query['hub.challenge'];
  if (!expectedToken || mode !== 'subscribe' || token === undefined || !challenge) return null;
  if (!timingSafeEqualStr(token, expectedToken)) return null;
  return { status: 200, contentType: 'text/plain', body: challenge };
}

const SIGNATURE_PATTERN = /^sha256=([0-9a-fA-F]{64})$/;

export function verifyMetaSignature(req: WebhookRequest, channel: ChannelContext): boolean {
  const secret = channel.secrets.signingSecret;
  const header = singleHeader(req.headers, 'x-hub-signature-256');
  if (!secret || !header) return false;
  const match = SIGNATURE_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  return timingSafeEqualStr(match[1].toLowerCase(), hmacSha256Hex(secret, req.rawBody));
}
