import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  drainInbound,
  drainOutbox,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { metaSignatureHeaders, whatsappStatus, whatsappText } from '../fixtures/wire-builders.ts';

// A WhatsApp status can reach Parley before the answer to our send does (or instead of it). The send
// carries `biz_opaque_callback_data: parley:<message id>`, returned with every status, so that status
// is applied to the right reply instead of being dropped for an unknown wamid.

const SECRET = 'whatsapp-app-secret-race';
const PHONE = '106500000000555';
const WABA = '102290000000555';

describe.each(testEngines())('WhatsApp status before the send answer on %s', (engine) => {
  let server: TestServer;
  let platform: Server;
  let baseUrl = '';
  const received: Record<string, unknown>[] = [];
  let release: (() => void) | null = null;

  beforeAll(async () => {
    server = await startTestServer(engine);
    platform = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        // Hold the answer until the test has delivered the status webhook.
        release = () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.RACE1' }] }));
        };
      });
    });
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => platform.close(resolve));
  });

  it('keeps a delivered status that arrived while the send was still waiting for its answer', async () => {
    const { cookie } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'whatsapp',
        name: 'WhatsApp',
        settings: { phoneNumberId: PHONE, apiBaseUrl: baseUrl },
        secrets: { signingSecret: SECRET, verifyToken: 'v', accessToken: 'wa-token' },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const post = async (body: unknown) => {
      const raw = JSON.stringify(body);
      const res = await server.app.inject({
        method: 'POST',
        url: `/webhooks/whatsapp/${channelId}`,
        headers: { ...metaSignatureHeaders(raw, SECRET), 'content-type': 'application/json' },
        payload: raw,
      });
      expect(res.statusCode).toBe(200);
      await drainInbound(server);
    };
    await post(
      whatsappText({
        wabaId: WABA,
        phoneNumberId: PHONE,
        from: '447700900555',
        profileName: 'Noor',
        id: 'wamid.IN1',
        text: 'Is my order coming?',
        at: new Date(),
      }),
    );
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const [conversation] = (list.json() as { items: { id: string }[] }).items;
    const replied = await server.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation!.id}/replies`,
      headers: { cookie },
      payload: { text: 'Yes, tomorrow.' },
    });
    const replyId = (replied.json() as { message: { id: string } }).message.id;

    const sending = drainOutbox(server);
    await vi.waitFor(() => expect(release).not.toBeNull(), { interval: 10 });
    expect(received[0]).toMatchObject({ biz_opaque_callback_data: `parley:${replyId}` });
    await post(
      whatsappStatus({
        wabaId: WABA,
        phoneNumberId: PHONE,
        id: 'wamid.RACE1',
        status: 'delivered',
        recipientId: '447700900555',
        at: new Date(),
        callbackData: `parley:${replyId}`,
      }),
    );
    release!();
    await sending;

    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation!.id}`,
      headers: { cookie },
    });
    const reply = (
      detail.json() as { messages: { id: string; externalId: string; deliveryStatus: string }[] }
    ).messages.find((m) => m.id === replyId);
    expect(reply).toMatchObject({ externalId: 'wamid.RACE1', deliveryStatus: 'delivered' });
    expect(received).toHaveLength(1);
  });
});
