import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaSignatureHeaders, whatsappText } from '../../channels/fixtures/wire-builders.ts';
import { testEngines } from '../../db/testing.ts';
import {
  addUser,
  type CallbackServer,
  drainInbound,
  drainOutbox,
  manualClock,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../testing.ts';

const SECRET = 'whatsapp-templates-secret';
const WABA = '102290000000777';
const HOUR = 3_600_000;
const SHIPPED = { name: 'order_shipped', language: 'en_US', body: 'Hi {{1}}, order {{2}} is on its way.' };

interface Message {
  id: string;
  text: string;
  deliveryStatus: string;
  deliveryError: string | null;
  metadata: Record<string, unknown>;
}

describe.each(testEngines())('WhatsApp templates on %s', (engine) => {
  let server: TestServer;
  let graph: CallbackServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  let phoneSequence = 0;

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
    graph = await startCallbackServer((_status, count) =>
      JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.T${count}` }] }),
    );
  });
  afterAll(async () => {
    await server.close();
    await graph.close();
  });

  async function call<T>(
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    const res = await server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json() as T };
  }

  /** A WhatsApp channel whose Graph API is the test's receiver, and a customer who wrote `hoursAgo` ago. */
  async function whatsappConversation(cookie: string, hoursAgo: number) {
    phoneSequence += 1;
    const phoneNumberId = `1065000000${String(phoneSequence).padStart(5, '0')}`;
    const channel = await call<{ id: string }>(cookie, 'POST', '/channels', {
      provider: 'whatsapp',
      name: 'WhatsApp',
      settings: { phoneNumberId, apiBaseUrl: graph.url.replace('/callback', '') },
      secrets: { signingSecret: SECRET, verifyToken: 'verify', accessToken: 'wa-token' },
    });
    expect(channel.status).toBe(201);
    const raw = JSON.stringify(
      whatsappText({
        wabaId: WABA,
        phoneNumberId,
        from: '447700900123',
        profileName: 'Ana',
        id: `wamid.IN${phoneSequence}`,
        text: 'Where is my order?',
        at: new Date(clock().getTime() - hoursAgo * HOUR),
      }),
    );
    const res = await server.app.inject({
      method: 'POST',
      url: `/webhooks/whatsapp/${channel.body.id}`,
      headers: { ...metaSignatureHeaders(raw, SECRET), 'content-type': 'application/json' },
      payload: raw,
    });
    expect(res.statusCode).toBe(200);
    await drainInbound(server);
    const list = await call<{ items: { id: string; channel: { id: string } }[] }>(
      cookie,
      'GET',
      '/conversations?cases=all',
    );
    const conversation = list.body.items.find((c) => c.channel.id === channel.body.id);
    if (!conversation) throw new Error('no conversation');
    return { channelId: channel.body.id, conversationId: conversation.id };
  }

  async function messages(cookie: string, conversationId: string) {
    return (await call<{ messages: Message[] }>(cookie, 'GET', `/conversations/${conversationId}`)).body
      .messages;
  }

  it('lets admins list, change and remove approved templates; agents read them', async () => {
    const admin = await seedAccount(server);
    const { channelId } = await whatsappConversation(admin.cookie, 1);
    const created = await call<{ template: { id: string; parameterCount: number } }>(
      admin.cookie,
      'POST',
      `/channels/${channelId}/whatsapp-templates`,
      SHIPPED,
    );
    expect(created.status).toBe(201);
    expect(created.body.template.parameterCount).toBe(2);

    const again = await call(admin.cookie, 'POST', `/channels/${channelId}/whatsapp-templates`, SHIPPED);
    expect(again.status).toBe(409);
    const bad = await call<{ error: { details: { field: string }[] } }>(
      admin.cookie,
      'POST',
      `/channels/${channelId}/whatsapp-templates`,
      { name: 'Shipped!', language: 'en_US', body: 'Hi {{2}}' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field)).toEqual(['name', 'body']);

    const agent = await addUser(server, admin.accountId, 'agent');
    const listed = await call<{ items: { name: string; body: string }[] }>(
      agent.cookie,
      'GET',
      `/channels/${channelId}/whatsapp-templates`,
    );
    expect(listed.body.items.map((t) => t.name)).toEqual(['order_shipped']);
    expect(
      (
        await call(agent.cookie, 'POST', `/channels/${channelId}/whatsapp-templates`, {
          ...SHIPPED,
          language: 'pt_BR',
        })
      ).status,
    ).toBe(403);

    const updated = await call<{ template: { body: string } }>(
      admin.cookie,
      'PUT',
      `/whatsapp-templates/${created.body.template.id}`,
      { ...SHIPPED, body: 'Hello {{1}}, your order is on its way.' },
    );
    expect(updated.body.template.body).toBe('Hello {{1}}, your order is on its way.');
    expect(
      (await call(admin.cookie, 'DELETE', `/whatsapp-templates/${created.body.template.id}`)).status,
    ).toBe(200);
    expect(
      (await call<{ items: unknown[] }>(admin.cookie, 'GET', `/channels/${channelId}/whatsapp-templates`))
        .body.items,
    ).toEqual([]);
  });

  it('keeps templates to the account’s own WhatsApp channels', async () => {
    const admin = await seedAccount(server);
    const { channelId, conversationId } = await whatsappConversation(admin.cookie, 30);
    const mine = await call<{ template: { id: string } }>(
      admin.cookie,
      'POST',
      `/channels/${channelId}/whatsapp-templates`,
      SHIPPED,
    );
    const stranger = await seedAccount(server);
    expect((await call(stranger.cookie, 'GET', `/channels/${channelId}/whatsapp-templates`)).status).toBe(
      404,
    );
    expect(
      (await call(stranger.cookie, 'DELETE', `/whatsapp-templates/${mine.body.template.id}`)).status,
    ).toBe(404);
    const sent = await call(stranger.cookie, 'POST', `/conversations/${conversationId}/template-replies`, {
      templateId: mine.body.template.id,
      parameters: ['Ana', 'A-17'],
    });
    expect(sent.status).toBe(404);

    const api = await call<{ id: string }>(admin.cookie, 'POST', '/channels', {
      provider: 'api',
      name: 'API',
      secrets: { signingSecret: 'api-channel-signing-secret' },
    });
    expect(api.status).toBe(201);
    const res = await call(admin.cookie, 'POST', `/channels/${api.body.id}/whatsapp-templates`, SHIPPED);
    expect(res.status).toBe(400);
  });

  it('outside the 24-hour window refuses free text and sends the template with its parameters', async () => {
    const admin = await seedAccount(server);
    const { channelId, conversationId } = await whatsappConversation(admin.cookie, 30);
    const template = (
      await call<{ template: { id: string } }>(
        admin.cookie,
        'POST',
        `/channels/${channelId}/whatsapp-templates`,
        SHIPPED,
      )
    ).body.template;

    // Free text is refused when the agent sends it: nothing stored, nothing reaches WhatsApp.
    const sentBefore = graph.received.length;
    const freeText = await call<{ error: { code: string; message: string } }>(
      admin.cookie,
      'POST',
      `/conversations/${conversationId}/replies`,
      { text: 'Any news?' },
    );
    expect(freeText.status).toBe(422);
    expect(freeText.body.error.message).toMatch(/only an approved template/);
    await drainOutbox(server);
    expect(graph.received.length).toBe(sentBefore);
    expect(
      (await messages(admin.cookie, conversationId)).find((m) => m.text === 'Any news?'),
    ).toBeUndefined();

    const wrong = await call(admin.cookie, 'POST', `/conversations/${conversationId}/template-replies`, {
      templateId: template.id,
      parameters: ['Ana'],
    });
    expect(wrong.status).toBe(400);

    const sent = await call<{ message: Message }>(
      admin.cookie,
      'POST',
      `/conversations/${conversationId}/template-replies`,
      { templateId: template.id, parameters: ['Ana', 'A-17'] },
    );
    expect(sent.status).toBe(201);
    expect(sent.body.message.text).toBe('Hi Ana, order A-17 is on its way.');
    expect(sent.body.message.metadata.template).toEqual({
      name: 'order_shipped',
      language: 'en_US',
      parameters: ['Ana', 'A-17'],
    });
    await drainOutbox(server);
    const request = JSON.parse(graph.received.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(request).toMatchObject({
      type: 'template',
      to: '447700900123',
      template: {
        name: 'order_shipped',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'A-17' },
            ],
          },
        ],
      },
    });
    const stored = (await messages(admin.cookie, conversationId)).find((m) => m.id === sent.body.message.id);
    expect(stored?.deliveryStatus).toBe('sent');
    expect(stored?.metadata.templateId).toBe(template.id);
  });

  it('refuses a template of another channel; holds an agent’s template for approval and sends it as a template', async () => {
    const admin = await seedAccount(server);
    const first = await whatsappConversation(admin.cookie, 30);
    const second = await whatsappConversation(admin.cookie, 30);
    const template = (
      await call<{ template: { id: string } }>(
        admin.cookie,
        'POST',
        `/channels/${first.channelId}/whatsapp-templates`,
        SHIPPED,
      )
    ).body.template;
    const elsewhere = await call(
      admin.cookie,
      'POST',
      `/conversations/${second.conversationId}/template-replies`,
      { templateId: template.id, parameters: ['Ana', 'A-1'] },
    );
    expect(elsewhere.status).toBe(400);

    const agent = await addUser(server, admin.accountId, 'agent');
    await call(admin.cookie, 'PUT', '/settings/approvals', { requireForAgents: true, exemptPrivate: false });
    const held = await call<{ approval: { id: string; status: string; text: string; template: unknown } }>(
      agent.cookie,
      'POST',
      `/conversations/${first.conversationId}/template-replies`,
      { templateId: template.id, parameters: ['Ana', 'A-1'] },
    );
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({
      status: 'pending',
      text: 'Hi Ana, order A-1 is on its way.',
      template: { name: 'order_shipped', language: 'en_US', parameters: ['Ana', 'A-1'] },
    });
    expect(
      (await messages(admin.cookie, first.conversationId)).filter((m) => m.text.startsWith('Hi Ana')),
    ).toEqual([]);

    // WhatsApp approved the template's wording: a supervisor may approve it, not rewrite it.
    const edited = await call(admin.cookie, 'POST', `/approvals/${held.body.approval.id}/approve`, {
      text: 'Hi Ana, it is coming',
    });
    expect(edited.status).toBe(400);
    const sentBefore = graph.received.length;
    const approved = await call<{ message: { id: string; metadata: { template: unknown } } }>(
      admin.cookie,
      'POST',
      `/approvals/${held.body.approval.id}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    expect(approved.body.message.metadata.template).toEqual({
      name: 'order_shipped',
      language: 'en_US',
      parameters: ['Ana', 'A-1'],
    });
    await drainOutbox(server);
    const sent = graph.received.slice(sentBefore).map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'template', template: { name: 'order_shipped' } });
  });
});
