import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainInbound,
  manualClock,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

type Conversation = {
  id: string;
  status: string;
  priority: string;
  messageCount: number;
  reopenCount: number;
  assignee: { id: string } | null;
  snippet: string;
};

describe.each(testEngines())('conversations on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    server = await startTestServer(engine, { clock, env: { SESSION_TTL_HOURS: '2160' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const api = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const items = async (cookie: string, query = '') =>
    (await api(cookie, 'GET', `/conversations${query}`)).body.items as Conversation[];

  it('threads by reply chain, by open conversation, reopens within the window and starts anew after it', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const first = apiMessage({ authorId: 'cust-a', text: 'First', occurredAt: clock().toISOString() });
    await postWebhook(server, channel, first);
    await postWebhook(server, channel, apiMessage({ authorId: 'cust-a', text: 'Second' }));
    // Another customer replying to the first message joins its conversation by the reply chain.
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'cust-b', text: 'Me too', replyTo: first.message.id }),
    );
    await drainInbound(server);
    let list = await items(cookie);
    expect(list).toHaveLength(1);
    expect(list[0]?.messageCount).toBe(3);
    const conversationId = list[0]!.id;

    expect(
      (await api(cookie, 'POST', `/conversations/${conversationId}/status`, { status: 'resolved' })).status,
    ).toBe(200);
    clock.advance(3 * 86_400_000);
    await postWebhook(server, channel, apiMessage({ authorId: 'cust-a', text: 'It broke again' }));
    await drainInbound(server);
    list = await items(cookie);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: conversationId, status: 'open', reopenCount: 1 });

    await api(cookie, 'POST', `/conversations/${conversationId}/status`, { status: 'resolved' });
    clock.advance(8 * 86_400_000);
    await postWebhook(server, channel, apiMessage({ authorId: 'cust-a', text: 'New problem' }));
    await drainInbound(server);
    list = await items(cookie);
    expect(list).toHaveLength(2);
    expect(list.find((c) => c.id !== conversationId)?.snippet).toBe('New problem');
  });

  it('threads the same way inside one batch as across batches: rule 2 follows only the contact’s own conversation', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const root = apiMessage({ authorId: 'owner', text: 'Root post' });
    await postWebhook(server, channel, root);
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId: 'joiner', text: 'Same here', replyTo: root.message.id }),
    );
    await postWebhook(server, channel, apiMessage({ authorId: 'joiner', text: 'Separate question' }));
    await drainInbound(server); // all three in one batch
    const list = await items(cookie);
    expect(list.map((c) => c.messageCount).sort()).toEqual([1, 2]);
    expect(list.find((c) => c.messageCount === 1)?.snippet).toBe('Separate question');
  });

  it('sorts by priority then time waiting, filters, and pages with a cursor', async () => {
    const { cookie } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await postWebhook(
        server,
        channel,
        apiMessage({
          authorId: `sorted-${i}`,
          text: `Customer ${i} waiting`,
          occurredAt: clock().toISOString(),
        }),
      );
    }
    await drainInbound(server);
    const all = await items(cookie);
    expect(all.map((c) => c.snippet)).toEqual([0, 1, 2, 3, 4].map((i) => `Customer ${i} waiting`));
    const urgent = all[3]!;
    expect(
      (await api(cookie, 'POST', `/conversations/${urgent.id}/priority`, { priority: 'urgent' })).status,
    ).toBe(200);
    const resorted = await items(cookie);
    expect(resorted[0]?.id).toBe(urgent.id);

    const page1 = await api(cookie, 'GET', '/conversations?limit=2');
    const page2 = await api(cookie, 'GET', `/conversations?limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await api(cookie, 'GET', `/conversations?limit=2&cursor=${page2.body.nextCursor}`);
    const paged = [page1, page2, page3].flatMap((p) => (p.body.items as Conversation[]).map((c) => c.id));
    expect(paged).toEqual(resorted.map((c) => c.id));
    expect(page3.body.nextCursor).toBeNull();

    expect(await items(cookie, '?priority=urgent')).toHaveLength(1);
    expect((await items(cookie, '?q=Customer%203')).map((c) => c.snippet)).toContain('Customer 3 waiting');
    expect(await items(cookie, '?status=resolved')).toHaveLength(0);
    const bad = await api(cookie, 'GET', '/conversations?status=flying');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('assigns, notes, replies and changes status; validates bodies', async () => {
    const { cookie, accountId } = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const channel = await createApiChannel(server, cookie);
    await postWebhook(server, channel, apiMessage({ authorId: 'assign-me', text: 'Help please' }));
    await drainInbound(server);
    const [conversation] = await items(cookie);
    const id = conversation!.id;

    const assigned = await api(cookie, 'POST', `/conversations/${id}/assign`, { assigneeId: agent.userId });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignee: { id: agent.userId }, status: 'open' });
    expect(await items(agent.cookie, '?assignee=me')).toHaveLength(1);
    expect(await items(cookie, '?assignee=none')).toHaveLength(0);

    expect(
      (await api(agent.cookie, 'POST', `/conversations/${id}/notes`, { text: 'VIP, be kind' })).status,
    ).toBe(201);
    const reply = await api(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'On it!' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      message: { direction: 'out', deliveryStatus: 'queued', text: 'On it!' },
    });

    const detail = await api(agent.cookie, 'GET', `/conversations/${id}`);
    expect((detail.body.messages as unknown[]).length).toBe(2);
    expect(detail.body.notes).toMatchObject([{ text: 'VIP, be kind' }]);
    expect(detail.body.conversation).toMatchObject({ waitingSince: null });

    const empty = await api(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'text' }] } });
    const noBody = await api(agent.cookie, 'POST', `/conversations/${id}/status`, {});
    expect(noBody.status).toBe(400);

    expect(
      (await api(cookie, 'POST', `/conversations/${id}/status`, { status: 'resolved' })).body,
    ).toMatchObject({
      status: 'resolved',
    });
  });

  it('merges two contacts into one history', async () => {
    const { cookie, accountId } = await seedAccount(server);
    const channel = await createApiChannel(server, cookie);
    const hub = server.runtime.ctx.hub;
    await postWebhook(server, channel, apiMessage({ authorId: 'twin-1', author: { name: 'Robin Twin' } }));
    await postWebhook(server, channel, apiMessage({ authorId: 'twin-2', author: { name: 'Robin T.' } }));
    await drainInbound(server);
    const found = await api(cookie, 'GET', '/contacts?q=Robin');
    const contacts = found.body.items as { id: string }[];
    expect(contacts).toHaveLength(2);
    const beforeMerge = (await hub.backlog(accountId, 0)).readUpTo;
    const merged = await api(cookie, 'POST', `/contacts/${contacts[0]!.id}/merge`, {
      otherContactId: contacts[1]!.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.identities).toHaveLength(2);
    expect(merged.body.conversations).toHaveLength(2);
    expect((await api(cookie, 'GET', '/contacts?q=Robin')).body.items).toHaveLength(1);
    // Both conversations are pushed to open desks with the contact they now belong to.
    const pushed = (await hub.backlog(accountId, beforeMerge)).events.filter(
      (e) => e.type === 'conversation.updated',
    );
    const pushedContacts = pushed.map(
      (e) => (e.payload as { conversation: { contact: { id: string } } }).conversation.contact.id,
    );
    expect(pushedContacts).toEqual([contacts[0]!.id, contacts[0]!.id]);
  });
});
