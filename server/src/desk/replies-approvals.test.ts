import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG, uploadId } from '../attachments/test-setup.ts';
import { testEngines } from '../db/testing.ts';
import {
  addUser,
  apiMessage,
  type CallbackServer,
  createApiChannel,
  drainInbound,
  drainOutbox,
  manualClock,
  postWebhook,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';

describe.each(testEngines())('canned responses, approvals and reply collisions on %s', (engine) => {
  let server: TestServer;
  let receiver: CallbackServer;
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(engine, { clock });
    receiver = await startCallbackServer();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  async function conversationOf(cookie: string, text: string, isPublic = false) {
    const channel = await createApiChannel(server, cookie, { callbackUrl: receiver.url });
    const authorId = `cust-${Math.random().toString(36).slice(2)}`;
    await postWebhook(
      server,
      channel,
      apiMessage({
        authorId,
        text,
        isPublic,
        occurredAt: clock().toISOString(),
        author: { name: 'Dana Smith' },
      }),
    );
    await drainInbound(server);
    const list = (await call(cookie, 'GET', `/conversations?channel=${channel.id}`)).body.items as {
      id: string;
    }[];
    return { channel, authorId, id: list[0]!.id };
  }

  it('canned responses: variables checked on save, shared or personal, rendered for a conversation', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const other = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const shared = {
      shortcut: 'thanks',
      title: 'Thanks',
      body: 'Hi {{contact.first_name}}, {{agent.first_name}} here from {{account.name}}.',
      isShared: true,
    };
    const created = await call(cookie, 'POST', '/canned-responses', shared);
    expect(created.status).toBe(201);
    for (const bad of [
      { ...shared, shortcut: 'other', body: 'Hi {{contact.firstname}}' },
      { ...shared, shortcut: '/slash' },
      { ...shared, shortcut: 'x', body: '' },
      { ...shared, isShared: 'yes' },
    ]) {
      expect((await call(cookie, 'POST', '/canned-responses', bad)).status).toBe(400);
    }
    expect((await call(cookie, 'POST', '/canned-responses', { ...shared, shortcut: 'THANKS' })).status).toBe(
      409,
    );
    // Agents write personal responses only; theirs are invisible to others.
    expect(
      (await call(agent.cookie, 'POST', '/canned-responses', { ...shared, shortcut: 'mine' })).status,
    ).toBe(400);
    const personal = await call(agent.cookie, 'POST', '/canned-responses', {
      ...shared,
      shortcut: 'thanks',
      body: 'Cheers {{contact.name}}!',
      isShared: false,
    });
    expect(personal.status).toBe(201);
    expect((await call(agent.cookie, 'GET', '/canned-responses')).body.items).toHaveLength(2);
    expect((await call(cookie, 'GET', '/canned-responses')).body.items).toHaveLength(1);
    expect((await call(other.cookie, 'GET', '/canned-responses')).body.items).toEqual([]);
    expect((await call(agent.cookie, 'DELETE', `/canned-responses/${created.body.item.id}`)).status).toBe(
      403,
    );
    expect((await call(other.cookie, 'DELETE', `/canned-responses/${created.body.item.id}`)).status).toBe(
      404,
    );
    expect((await call(cookie, 'DELETE', `/canned-responses/${personal.body.item.id}`)).status).toBe(404);

    const { id } = await conversationOf(cookie, 'Hello there');
    const rendered = await call(
      agent.cookie,
      'GET',
      `/conversations/${id}/canned-responses/${created.body.item.id}/render`,
    );
    expect(rendered.body).toMatchObject({
      text: expect.stringMatching(/^Hi Dana, agent here from Account /),
      isTooLong: false,
      max: 10_000,
    });
    expect(
      (
        await call(
          other.cookie,
          'GET',
          `/conversations/${id}/canned-responses/${created.body.item.id}/render`,
        )
      ).status,
    ).toBe(404);
    const updated = await call(cookie, 'PUT', `/canned-responses/${created.body.item.id}`, {
      ...shared,
      body: 'Bye {{contact.name}}',
    });
    expect(updated.body.item.body).toBe('Bye {{contact.name}}');
    expect(
      (await call(cookie, 'PUT', `/canned-responses/${created.body.item.id}`, { ...shared, body: '{{x}}' }))
        .status,
    ).toBe(400);
  });

  it('a reply that crossed a new customer message answers 409 with the new messages', async () => {
    const { cookie } = await seedAccount(server);
    const { id, channel, authorId } = await conversationOf(cookie, 'First');
    const loaded = (await call(cookie, 'GET', `/conversations/${id}`)).body.messages as { id: string }[];
    const lastId = loaded[loaded.length - 1]!.id;
    clock.advance(1000);
    await postWebhook(
      server,
      channel,
      apiMessage({ authorId, text: 'Never mind, found it', occurredAt: clock().toISOString() }),
    );
    await drainInbound(server);
    const crossed = await call(cookie, 'POST', `/conversations/${id}/replies`, {
      text: 'Let me check',
      expectedLastMessageId: lastId,
    });
    expect(crossed.status).toBe(409);
    expect(crossed.body.error.details.newMessages.map((m: { text: string }) => m.text)).toEqual([
      'Never mind, found it',
    ]);
    expect((await call(cookie, 'GET', `/conversations/${id}`)).body.messages).toHaveLength(2);
    const confirmed = await call(cookie, 'POST', `/conversations/${id}/replies`, {
      text: 'Glad you found it',
      expectedLastMessageId: crossed.body.error.details.latestMessageId,
    });
    expect(confirmed.status).toBe(201);
  });

  it('approval: flagged agents’ replies wait; supervisors approve, edit or reject, with an audit trail', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const other = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const supervisor = await addUser(server, accountId, 'supervisor');
    expect(
      (await call(agent.cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: true }))
        .status,
    ).toBe(403);
    expect(
      (await call(other.cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: true }))
        .status,
    ).toBe(404);
    expect(
      (await call(cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: 'y' })).status,
    ).toBe(400);
    expect(
      (await call(cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: true })).status,
    ).toBe(200);

    const { id } = await conversationOf(cookie, 'Public complaint', true);
    const held = await call(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'Sorry, our bad' });
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({ status: 'pending', isPublic: true });
    expect((await call(cookie, 'GET', `/conversations/${id}`)).body.messages).toHaveLength(1); // nothing sent
    expect((await call(agent.cookie, 'GET', '/approvals')).status).toBe(403);
    const queue = (await call(supervisor.cookie, 'GET', '/approvals')).body.items as { id: string }[];
    expect(queue.map((q) => q.id)).toEqual([held.body.approval.id]);
    expect((await call(other.cookie, 'GET', '/approvals')).body.items).toEqual([]);
    expect((await call(other.cookie, 'POST', `/approvals/${held.body.approval.id}/approve`, {})).status).toBe(
      404,
    );
    expect((await call(agent.cookie, 'GET', `/conversations/${id}/approvals`)).body.items).toHaveLength(1);

    const before = receiver.received.length;
    const approved = await call(supervisor.cookie, 'POST', `/approvals/${held.body.approval.id}/approve`, {
      text: 'Sorry about this. We are on it.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({ status: 'approved', originalText: 'Sorry, our bad' });
    expect(approved.body.message).toMatchObject({
      text: 'Sorry about this. We are on it.',
      authorUserId: agent.userId,
    });
    await drainOutbox(server);
    expect(
      receiver.received
        .slice(before)
        .map((r) => JSON.parse(r.body).text)
        .filter((t: string) => t.startsWith('Sorry')),
    ).toEqual(['Sorry about this. We are on it.']);
    expect(
      (
        await call(supervisor.cookie, 'POST', `/approvals/${held.body.approval.id}/reject`, {
          reason: 'late',
        })
      ).status,
    ).toBe(409);

    // Rejected with a reason; bad input changes nothing.
    const second = await call(agent.cookie, 'POST', `/conversations/${id}/replies`, { text: 'lol' });
    const approvalId = second.body.approval.id as string;
    expect(
      (await call(supervisor.cookie, 'POST', `/approvals/${approvalId}/reject`, { reason: ' ' })).status,
    ).toBe(400);
    expect((await call(supervisor.cookie, 'GET', '/approvals')).body.items).toHaveLength(1);
    const rejected = await call(supervisor.cookie, 'POST', `/approvals/${approvalId}/reject`, {
      reason: 'Tone',
    });
    expect(rejected.body.approval).toMatchObject({ status: 'rejected', reason: 'Tone' });
    expect((await call(supervisor.cookie, 'GET', '/approvals')).body.items).toEqual([]);
    const activity = (
      (await call(cookie, 'GET', `/conversations/${id}/activity`)).body.activity as { kind: string }[]
    ).map((a) => a.kind);
    expect(activity.filter((k) => k.startsWith('approval.'))).toEqual([
      'approval.requested',
      'approval.approved',
      'approval.requested',
      'approval.rejected',
    ]);
    const audit = await server.runtime.ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['approvals.member_flag_changed', 'approval.approved', 'approval.rejected']),
    );

    // Private replies are exempt by default; the account-wide setting covers every agent.
    const privateOne = await conversationOf(cookie, 'In private', false);
    expect(
      (await call(agent.cookie, 'POST', `/conversations/${privateOne.id}/replies`, { text: 'Hi' })).status,
    ).toBe(201);
    await call(cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: false });
    const agent2 = await addUser(server, accountId, 'agent');
    expect(
      (
        await call(agent.cookie, 'PUT', '/settings/approvals', {
          requireForAgents: true,
          exemptPrivate: false,
        })
      ).status,
    ).toBe(403);
    expect((await call(cookie, 'PUT', '/settings/approvals', { requireForAgents: true })).status).toBe(400);
    await call(cookie, 'PUT', '/settings/approvals', { requireForAgents: true, exemptPrivate: false });
    expect(
      (await call(agent2.cookie, 'POST', `/conversations/${privateOne.id}/replies`, { text: 'Hi' })).status,
    ).toBe(202);
    expect(
      (await call(supervisor.cookie, 'POST', `/conversations/${privateOne.id}/replies`, { text: 'Hi' }))
        .status,
    ).toBe(201);
    expect((await call(other.cookie, 'GET', '/settings/approvals')).body.settings).toEqual({
      requireForAgents: false,
      exemptPrivate: true,
    });
  });
  it('approval: a held reply keeps its files, which cannot be removed meanwhile and go out on approval', async () => {
    const { accountId, cookie } = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const supervisor = await addUser(server, accountId, 'supervisor');
    await call(cookie, 'PUT', `/users/${agent.userId}/needs-approval`, { needsApproval: true });
    const { id } = await conversationOf(cookie, 'Photo of the broken part?', true);
    const fileId = await uploadId(server, agent.cookie, id, {
      name: 'label.png',
      type: 'image/png',
      bytes: PNG,
    });

    const held = await call(agent.cookie, 'POST', `/conversations/${id}/replies`, {
      text: 'Here is the returns label',
      attachmentIds: [fileId],
    });
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({ status: 'pending', attachmentIds: [fileId] });
    expect((await call(agent.cookie, 'DELETE', `/attachments/${fileId}`)).status).toBe(409);
    // A file of another conversation cannot ride along.
    const elsewhere = await conversationOf(cookie, 'Other customer', true);
    const foreign = await uploadId(server, agent.cookie, elsewhere.id, {
      name: 'x.png',
      type: 'image/png',
      bytes: PNG,
    });
    const refused = await call(agent.cookie, 'POST', `/conversations/${id}/replies`, {
      text: 'Wrong file',
      attachmentIds: [foreign],
    });
    expect(refused.status).toBe(404);
    expect((await call(supervisor.cookie, 'GET', '/approvals')).body.items).toHaveLength(1);

    const before = receiver.received.length;
    const approved = await call(supervisor.cookie, 'POST', `/approvals/${held.body.approval.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.message.attachments).toMatchObject([{ attachmentId: fileId, name: 'label.png' }]);
    await drainOutbox(server);
    const sent = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body))
      .filter((b) => b.text === 'Here is the returns label');
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toBe('Here is the returns label');
    expect(sent[0].attachments).toMatchObject([{ name: 'label.png', mimeType: 'image/png' }]);
  });
});
