import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

describe.each(testEngines())('tenant isolation on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it("every route answers 404 (never 403 or data) for another tenant's ids", async () => {
    const victim = await seedAccount(server);
    const attacker = await seedAccount(server);
    const channel = await createApiChannel(server, victim.cookie);
    await postWebhook(server, channel, apiMessage({ authorId: 'victim-customer' }));
    await postWebhook(server, channel, { type: 'message', author: { id: 'x' }, message: { text: 'dead' } });
    await drainInbound(server);
    const conv = (
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/v1/conversations',
          headers: { cookie: victim.cookie },
        })
      ).json() as {
        items: { id: string; contact: { id: string } }[];
      }
    ).items[0]!;
    const message = (
      (
        await server.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conv.id}`,
          headers: { cookie: victim.cookie },
        })
      ).json() as {
        messages: { id: string }[];
      }
    ).messages[0]!;
    const dead = await server.runtime.ctx.db.kysely
      .selectFrom('inbound_events')
      .select('id')
      .where('status', '=', 'dead')
      .execute();
    const deadId = dead.at(-1)!.id;
    const attackerContact = await server.runtime.ctx.db.kysely
      .insertInto('contacts')
      .values({ account_id: attacker.accountId, name: 'Mine', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();

    const victimFile = (
      await server.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conv.id}/attachments?name=v.txt`,
        headers: { cookie: victim.cookie, 'content-type': 'text/plain' },
        payload: 'the victim’s file',
      })
    ).json() as { attachment: { id: string } };

    const probes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }[] = [
      { method: 'GET', url: `/api/v1/conversations/${conv.id}` },
      { method: 'POST', url: `/api/v1/conversations/${conv.id}/replies`, payload: { text: 'hi' } },
      { method: 'POST', url: `/api/v1/conversations/${conv.id}/notes`, payload: { text: 'hi' } },
      {
        method: 'POST',
        url: `/api/v1/conversations/${conv.id}/assign`,
        payload: { assigneeId: attacker.userId },
      },
      { method: 'POST', url: `/api/v1/conversations/${conv.id}/status`, payload: { status: 'resolved' } },
      { method: 'POST', url: `/api/v1/conversations/${conv.id}/priority`, payload: { priority: 'low' } },
      { method: 'POST', url: `/api/v1/messages/${message.id}/retry` },
      { method: 'GET', url: `/api/v1/contacts/${conv.contact.id}` },
      {
        method: 'POST',
        url: `/api/v1/contacts/${attackerContact.id}/merge`,
        payload: { otherContactId: conv.contact.id },
      },
      { method: 'POST', url: `/api/v1/conversations/${conv.id}/attachments?name=a.txt`, payload: { a: 1 } },
      { method: 'GET', url: `/api/v1/attachments/${victimFile.attachment.id}/content` },
      { method: 'DELETE', url: `/api/v1/attachments/${victimFile.attachment.id}` },
      { method: 'GET', url: `/api/v1/channels/${channel.id}` },
      { method: 'PATCH', url: `/api/v1/channels/${channel.id}`, payload: { name: 'pwned' } },
      { method: 'DELETE', url: `/api/v1/channels/${channel.id}` },
      { method: 'POST', url: `/api/v1/inbound-events/${deadId}/replay` },
      { method: 'PATCH', url: `/api/v1/users/${victim.userId}`, payload: { role: 'agent' } },
      { method: 'DELETE', url: `/api/v1/users/${victim.userId}` },
    ];
    for (const probe of probes) {
      const res = await server.app.inject({ ...probe, headers: { cookie: attacker.cookie } });
      expect({ probe: `${probe.method} ${probe.url}`, status: res.statusCode }).toEqual({
        probe: `${probe.method} ${probe.url}`,
        status: 404,
      });
    }
    const lists = [
      '/api/v1/conversations',
      '/api/v1/channels',
      '/api/v1/inbound-events/dead',
      '/api/v1/audit-log',
      '/api/v1/contacts?q=Casey',
    ];
    for (const url of lists) {
      const res = await server.app.inject({ method: 'GET', url, headers: { cookie: attacker.cookie } });
      expect((res.json() as { items: unknown[] }).items).toEqual([]);
    }
    // And nothing of the victim's changed.
    const after = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conv.id}`,
      headers: { cookie: victim.cookie },
    });
    expect(after.json()).toMatchObject({
      conversation: { status: 'new', priority: 'normal', assignee: null },
      notes: [],
    });
  });

  it('refuses routes without a session with 401', async () => {
    for (const url of ['/api/v1/conversations', '/api/v1/channels', '/api/v1/users', '/api/v1/auth/me']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });
});
