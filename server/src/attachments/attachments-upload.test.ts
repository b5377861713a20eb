import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xDirectMessage, xSignatureHeaders } from '../channels/fixtures/wire-builders.ts';
import { testEngines } from '../db/testing.ts';
import {
  apiMessage,
  createApiChannel,
  drainInbound,
  postWebhook,
  seedAccount,
  startTestServer,
  type TestServer,
} from '../http/testing.ts';
import { PDF, PNG, reply, upload, uploadId } from './test-setup.ts';

// What an agent sees when a file cannot be attached or sent, and that such refusals change nothing;
// files are visible only inside their account.

describe.each(testEngines())('attachment uploads and refusals on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { env: { ATTACHMENT_MAX_BYTES: '2048' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const db = () => server.runtime.ctx.db.kysely;
  const storedFiles = async (accountId: string) =>
    db().selectFrom('attachments').select(['id', 'message_id']).where('account_id', '=', accountId).execute();
  const outboxRows = async (accountId: string) =>
    (await db().selectFrom('outbox').select('id').where('account_id', '=', accountId).execute()).length;
  const messageCount = async (conversationId: string) =>
    (await db().selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute())
      .length;

  async function apiConversation() {
    const account = await seedAccount(server);
    const channel = await createApiChannel(server, account.cookie, {
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    await postWebhook(server, channel, apiMessage({ authorId: `cust-${account.accountId.slice(0, 8)}` }));
    await drainInbound(server);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie: account.cookie },
    });
    const conversationId = (list.json() as { items: { id: string }[] }).items[0]!.id;
    return { ...account, conversationId };
  }

  it('refuses a file over ATTACHMENT_MAX_BYTES (413), a type not allowed or not what it claims (415), an empty one (400), storing nothing', async () => {
    const { cookie, accountId, conversationId } = await apiConversation();
    const big = Buffer.concat([PNG, Buffer.alloc(3000)]);
    const tooBig = await upload(server, cookie, conversationId, {
      name: 'big.png',
      type: 'image/png',
      bytes: big,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'Attachments are limited to 2 KB',
        details: { maxBytes: 2048 },
      },
    });
    const html = await upload(server, cookie, conversationId, {
      name: 'page.html',
      type: 'text/html',
      bytes: Buffer.from('<script>alert(1)</script>'),
    });
    expect(html.statusCode).toBe(415);
    expect((html.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('text/html cannot be attached'),
    });
    const disguised = await upload(server, cookie, conversationId, {
      name: 'x.png',
      type: 'image/png',
      bytes: PDF,
    });
    expect(disguised.statusCode).toBe(415);
    expect((disguised.json() as { error: { message: string } }).error.message).toBe(
      "The file's content is not image/png",
    );
    const empty = await upload(server, cookie, conversationId, {
      name: 'e.txt',
      type: 'text/plain',
      bytes: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(400);
    expect(await storedFiles(accountId)).toEqual([]);
  });

  it('serves a file back to members with safe headers, removes it while unsent, keeps it once sent', async () => {
    const { cookie, conversationId } = await apiConversation();
    const res = await upload(server, cookie, conversationId, {
      name: '../../etc/ünïcode.pdf',
      type: 'application/pdf',
      bytes: PDF,
    });
    expect(res.statusCode).toBe(201);
    const { attachment } = res.json() as {
      attachment: { id: string; name: string; url: string; sizeBytes: number };
    };
    expect(attachment).toMatchObject({ name: 'ünïcode.pdf', sizeBytes: PDF.length, kind: 'file' });
    const content = await server.app.inject({ method: 'GET', url: attachment.url, headers: { cookie } });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect(content.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="_n_code.pdf"; filename*=UTF-8''%C3%BCn%C3%AFcode.pdf`,
    });

    const removed = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${attachment.id}`,
      headers: { cookie },
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await server.app.inject({ method: 'GET', url: attachment.url, headers: { cookie } })).statusCode,
    ).toBe(404);

    const sentId = await uploadId(server, cookie, conversationId, {
      name: 'p.png',
      type: 'image/png',
      bytes: PNG,
    });
    expect(
      (await reply(server, cookie, conversationId, { text: 'Here', attachmentIds: [sentId] })).statusCode,
    ).toBe(201);
    const again = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${sentId}`,
      headers: { cookie },
    });
    expect(again.statusCode).toBe(409);
    // Sent once: a second reply cannot carry it again.
    const reuse = await reply(server, cookie, conversationId, { text: 'Again', attachmentIds: [sentId] });
    expect(reuse.statusCode).toBe(404);
  });

  it('refuses files on a channel without attachments (X) before anything is stored or sent', async () => {
    const { cookie, accountId } = await seedAccount(server);
    const secret = 'x-consumer-secret';
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'x',
        name: 'X brand',
        settings: { userId: '1500000000000000999' },
        secrets: { signingSecret: secret, accessToken: 'x-token' },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const raw = JSON.stringify(
      xDirectMessage({
        forUserId: '1500000000000000999',
        id: `dm-${engine}-${Date.now()}`,
        sender: { id: '42', screenName: 'ann' },
        recipientId: '1500000000000000999',
        text: 'Can you send a photo of the label?',
        at: new Date(),
      }),
    );
    await server.app.inject({
      method: 'POST',
      url: `/webhooks/x/${channelId}`,
      headers: xSignatureHeaders(raw, secret),
      payload: raw,
    });
    await drainInbound(server);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const conversationId = (list.json() as { items: { id: string }[] }).items[0]!.id;
    const fileId = await uploadId(server, cookie, conversationId, {
      name: 'label.png',
      type: 'image/png',
      bytes: PNG,
    });
    const before = await messageCount(conversationId);

    const res = await reply(server, cookie, conversationId, { text: 'Here you go', attachmentIds: [fileId] });
    expect(res.statusCode).toBe(422);
    expect((res.json() as { error: unknown }).error).toEqual({
      code: 'reply_refused',
      message: 'Replies on X brand (x) cannot carry attachments',
      details: { reason: 'attachments_not_supported' },
    });
    expect(await messageCount(conversationId)).toBe(before);
    expect(await outboxRows(accountId)).toBe(0);
    expect(await storedFiles(accountId)).toEqual([{ id: fileId, message_id: null }]);
  });

  it('forgets uploads no reply took after three days, when the account uploads again', async () => {
    const { cookie, accountId, conversationId } = await apiConversation();
    const old = await uploadId(server, cookie, conversationId, {
      name: 'old.png',
      type: 'image/png',
      bytes: PNG,
    });
    const sent = await uploadId(server, cookie, conversationId, {
      name: 'sent.png',
      type: 'image/png',
      bytes: PNG,
    });
    expect(
      (await reply(server, cookie, conversationId, { text: 'x', attachmentIds: [sent] })).statusCode,
    ).toBe(201);
    const longAgo = new Date(Date.now() - 4 * 24 * 3_600_000);
    await sql`UPDATE attachments SET created_at = ${longAgo} WHERE account_id = ${accountId}`.execute(db());
    const fresh = await uploadId(server, cookie, conversationId, {
      name: 'new.png',
      type: 'image/png',
      bytes: PNG,
    });
    const ids = (await storedFiles(accountId)).map((f) => f.id).sort();
    expect(ids).toEqual([sent, fresh].sort());
    expect(ids).not.toContain(old);
  });

  it('a reply needs text or files', async () => {
    const { cookie, conversationId } = await apiConversation();
    const res = await reply(server, cookie, conversationId, { text: '' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('another tenant gets 404 for the files, the upload and a reply naming them, and nothing changes', async () => {
    const victim = await apiConversation();
    const attacker = await apiConversation();
    const fileId = await uploadId(server, victim.cookie, victim.conversationId, {
      name: 'id.png',
      type: 'image/png',
      bytes: PNG,
    });
    const as = (method: 'GET' | 'DELETE', url: string) =>
      server.app.inject({ method, url, headers: { cookie: attacker.cookie } });
    expect((await as('GET', `/api/v1/attachments/${fileId}/content`)).statusCode).toBe(404);
    expect((await as('DELETE', `/api/v1/attachments/${fileId}`)).statusCode).toBe(404);
    expect((await as('GET', '/api/v1/attachments/not-a-uuid/content')).statusCode).toBe(404);
    const intoVictim = await upload(server, attacker.cookie, victim.conversationId, {
      name: 'a.png',
      type: 'image/png',
      bytes: PNG,
    });
    expect(intoVictim.statusCode).toBe(404);
    const before = await messageCount(attacker.conversationId);
    const steal = await reply(server, attacker.cookie, attacker.conversationId, {
      text: 'x',
      attachmentIds: [fileId],
    });
    expect(steal.statusCode).toBe(404);
    expect(await messageCount(attacker.conversationId)).toBe(before);
    expect(await storedFiles(victim.accountId)).toEqual([{ id: fileId, message_id: null }]);
    expect(await storedFiles(attacker.accountId)).toEqual([]);
  });
});
