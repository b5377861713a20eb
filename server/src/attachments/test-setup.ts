import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { metaSignatureHeaders } from '../channels/fixtures/wire-builders.ts';
import type { Provider } from '../channels/index.ts';
import { drainInbound, type TestServer } from '../http/testing.ts';
import type { Simulator } from '../simulator/index.ts';

// Shared by the attachment tests: channels pointed at the simulator, a conversation from a signed
// webhook, uploads and replies through the HTTP API.

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300)]);
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200)]);

/** A port nobody listens on yet, so PUBLIC_URL can name it before the server starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function simulatedChannel(
  server: TestServer,
  simulator: Simulator,
  cookie: string,
  provider: Provider,
  settings: Record<string, unknown>,
) {
  const secrets = {
    signingSecret: randomBytes(16).toString('hex'),
    verifyToken: 'verify',
    accessToken: `token-${randomBytes(8).toString('hex')}`,
  };
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: { cookie },
    payload: { provider, name: `${provider} (simulated)`, settings, secrets },
  });
  expect(res.statusCode).toBe(201);
  const channelId = (res.json() as { id: string }).id;
  simulator.addChannel({ provider, channelId, ...secrets });
  return { channelId, ...secrets };
}

/** Post a signed Meta webhook and thread it; returns the account's newest conversation id. */
export async function metaConversation(
  server: TestServer,
  cookie: string,
  channel: { channelId: string; signingSecret: string },
  provider: Provider,
  body: unknown,
): Promise<string> {
  const raw = JSON.stringify(body);
  const res = await server.app.inject({
    method: 'POST',
    url: `/webhooks/${provider}/${channel.channelId}`,
    headers: metaSignatureHeaders(raw, channel.signingSecret),
    payload: raw,
  });
  expect(res.statusCode).toBe(200);
  await drainInbound(server);
  const list = await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { cookie } });
  const items = (list.json() as { items: { id: string; channel: { id: string } }[] }).items;
  const conversation = items.find((c) => c.channel.id === channel.channelId);
  if (!conversation) throw new Error(`no conversation on ${provider}`);
  return conversation.id;
}

export async function upload(
  server: TestServer,
  cookie: string,
  conversationId: string,
  file: { name: string; type: string; bytes: Buffer },
) {
  return server.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversationId}/attachments?name=${encodeURIComponent(file.name)}`,
    headers: { cookie, 'content-type': file.type },
    payload: file.bytes,
  });
}

export async function uploadId(
  server: TestServer,
  cookie: string,
  conversationId: string,
  file: { name: string; type: string; bytes: Buffer },
): Promise<string> {
  const res = await upload(server, cookie, conversationId, file);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { attachment: { id: string } }).attachment.id;
}

export async function reply(
  server: TestServer,
  cookie: string,
  conversationId: string,
  payload: { text: string; attachmentIds?: string[] },
) {
  return server.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversationId}/replies`,
    headers: { cookie },
    payload,
  });
}

export async function messageById(server: TestServer, cookie: string, conversationId: string, id: string) {
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/v1/conversations/${conversationId}`,
    headers: { cookie },
  });
  const messages = (
    res.json() as {
      messages: {
        id: string;
        deliveryStatus: string;
        deliveryError: string | null;
        attachments: unknown[];
      }[];
    }
  ).messages;
  return messages.find((m) => m.id === id)!;
}
