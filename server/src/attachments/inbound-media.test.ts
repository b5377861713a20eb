import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import { seedAccount, startTestServer, type TestServer } from '../http/testing.ts';
import { messengerAttachmentsDelivery, Simulator, whatsappMediaDelivery } from '../simulator/index.ts';
import { InboundMediaWorker, mediaRetryDelayMs } from './index.ts';
import { messageById, metaConversation, PNG, simulatedChannel } from './test-setup.ts';

// A customer sends a photo on WhatsApp or Messenger → the media worker downloads it from the
// "platform" (the simulator) into Parley, and the message's entry points at Parley's own copy.

const MAX_BYTES = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Entry {
  kind: string;
  attachmentId?: string;
  url?: string;
  mimeType?: string;
  sizeBytes?: number;
  name?: string;
  downloadError?: string;
}

describe.each(testEngines())('inbound media is downloaded on %s', (engine) => {
  let server: TestServer;
  let simulator: Simulator;
  let now = Date.now();
  let sequence = 0;
  const clock = () => new Date(now);

  beforeAll(async () => {
    server = await startTestServer(engine, { env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    simulator = new Simulator({ port: 0, sendsFollowUps: false });
    await simulator.start();
  });
  afterAll(async () => {
    await simulator.stop();
    await server.close();
  });

  function worker() {
    const { ctx } = server.runtime;
    return new InboundMediaWorker({ db: ctx.db, channels: ctx.channels, clock, maxBytes: MAX_BYTES });
  }

  async function storedCount(messageId: string): Promise<number> {
    const rows = await server.runtime.ctx.db.kysely
      .selectFrom('attachments')
      .select('id')
      .where('message_id', '=', messageId)
      .execute();
    return rows.length;
  }

  /** A WhatsApp customer sends `content` as a photo; returns the stored message and the media id. */
  async function whatsappPhoto(content: Buffer, options: { failFirst?: number } = {}) {
    sequence += 1;
    const { cookie } = await seedAccount(server);
    const phoneNumberId = `1099${sequence}${Date.now() % 100_000}`;
    const channel = await simulatedChannel(server, simulator, cookie, 'whatsapp', {
      phoneNumberId,
      apiBaseUrl: simulator.graphBaseUrl(),
    });
    const { mediaId } = simulator.media.host({
      content,
      mimeType: 'image/png',
      accessToken: channel.accessToken,
      ...options,
    });
    const wamid = `wamid.${engine}.${sequence}`;
    const conversationId = await metaConversation(
      server,
      cookie,
      channel,
      'whatsapp',
      whatsappMediaDelivery({
        phoneNumberId,
        from: `4915100${sequence}`,
        id: wamid,
        at: new Date(),
        type: 'image',
        mediaId,
        mimeType: 'image/png',
        caption: 'Broken on arrival',
      }),
    );
    return { cookie, conversationId, mediaId, ...(await firstMessage(cookie, conversationId)) };
  }

  async function messengerPhoto(content: Buffer) {
    sequence += 1;
    const { cookie } = await seedAccount(server);
    const pageId = `2099${sequence}${Date.now() % 100_000}`;
    const channel = await simulatedChannel(server, simulator, cookie, 'messenger', {
      pageId,
      apiBaseUrl: simulator.graphBaseUrl(),
    });
    const { mediaId, cdnUrl } = simulator.media.host({ content, mimeType: 'image/png', name: 'label.png' });
    const conversationId = await metaConversation(
      server,
      cookie,
      channel,
      'messenger',
      messengerAttachmentsDelivery({
        accountId: pageId,
        customerId: `psid-${engine}-${sequence}`,
        mid: `m_${engine}_${sequence}`,
        at: new Date(),
        attachments: [{ type: 'image', url: cdnUrl }],
      }),
    );
    return { cookie, conversationId, mediaId, ...(await firstMessage(cookie, conversationId)) };
  }

  async function firstMessage(cookie: string, conversationId: string) {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}`,
      headers: { cookie },
    });
    const message = (res.json() as { messages: { id: string }[] }).messages[0]!;
    return { messageId: message.id };
  }

  async function entries(cookie: string, conversationId: string, messageId: string): Promise<Entry[]> {
    return (await messageById(server, cookie, conversationId, messageId)).attachments as Entry[];
  }

  it('WhatsApp: the photo behind the media id is stored and served to members only', async () => {
    const { cookie, conversationId, messageId, mediaId } = await whatsappPhoto(PNG);
    expect(await entries(cookie, conversationId, messageId)).toEqual([
      { kind: 'image', mimeType: 'image/png' },
    ]);

    await worker().drain();

    const [entry] = await entries(cookie, conversationId, messageId);
    const id = entry?.attachmentId as string;
    expect(entry).toEqual({
      kind: 'image',
      attachmentId: id,
      name: 'image.png',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      url: `/api/v1/attachments/${id}/content`,
    });
    const content = await server.app.inject({ method: 'GET', url: entry!.url!, headers: { cookie } });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(sha256(content.rawPayload)).toBe(sha256(PNG));
    const stranger = await seedAccount(server);
    const other = await server.app.inject({
      method: 'GET',
      url: entry!.url!,
      headers: { cookie: stranger.cookie },
    });
    expect(other.statusCode).toBe(404);
    expect(simulator.media.downloads(mediaId)).toBe(1);

    // An open desk learns of the change without reloading.
    const events = await server.runtime.ctx.db.kysely
      .selectFrom('realtime_events')
      .select(['type', 'payload'])
      .where('type', '=', 'message.updated')
      .execute();
    const update = events
      .map((e) => (e.payload as { message: { id: string; attachments: Entry[] } }).message)
      .find((message) => message.id === messageId);
    expect(update?.attachments[0]?.attachmentId).toBe(id);
  });

  it('Messenger: the photo at the CDN URL is stored with the same bytes', async () => {
    const { cookie, conversationId, messageId } = await messengerPhoto(PNG);
    await worker().drain();
    const [entry] = await entries(cookie, conversationId, messageId);
    const id = entry?.attachmentId as string;
    expect(entry).toMatchObject({
      kind: 'image',
      name: 'label.png',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      url: `/api/v1/attachments/${id}/content`,
    });
    const content = await server.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${id}/content`,
      headers: { cookie },
    });
    expect(sha256(content.rawPayload)).toBe(sha256(PNG));
  });

  it('a file over ATTACHMENT_MAX_BYTES is not downloaded, and the entry says why', async () => {
    const huge = Buffer.concat([PNG, randomBytes(MAX_BYTES)]);
    const whatsapp = await whatsappPhoto(huge);
    const messenger = await messengerPhoto(huge);
    await worker().drain();

    const [waEntry] = await entries(whatsapp.cookie, whatsapp.conversationId, whatsapp.messageId);
    expect(waEntry?.attachmentId).toBeUndefined();
    expect(waEntry?.sizeBytes).toBe(huge.length);
    expect(waEntry?.downloadError).toMatch(/Parley keeps files up to 64 KB \(ATTACHMENT_MAX_BYTES\)/);
    // WhatsApp declares the size: the bytes were never requested.
    expect(simulator.media.downloads(whatsapp.mediaId)).toBe(0);
    expect(await storedCount(whatsapp.messageId)).toBe(0);

    const [fbEntry] = await entries(messenger.cookie, messenger.conversationId, messenger.messageId);
    expect(fbEntry?.attachmentId).toBeUndefined();
    expect(fbEntry?.downloadError).toMatch(/ATTACHMENT_MAX_BYTES/);
    expect(await storedCount(messenger.messageId)).toBe(0);
  });

  it('a platform 500 is retried with backoff and then the file is stored', async () => {
    const { cookie, conversationId, messageId, mediaId } = await whatsappPhoto(PNG, { failFirst: 2 });
    const media = worker();
    await media.drain();
    expect(await entries(cookie, conversationId, messageId)).toEqual([
      { kind: 'image', mimeType: 'image/png' },
    ]);
    // Not due again until its backoff has passed.
    await media.drain();
    expect(await storedCount(messageId)).toBe(0);
    now += mediaRetryDelayMs(1);
    await media.drain();
    expect(await storedCount(messageId)).toBe(0);
    now += mediaRetryDelayMs(2);
    await media.drain();
    const [entry] = await entries(cookie, conversationId, messageId);
    expect(entry?.attachmentId).toBeDefined();
    expect(entry?.downloadError).toBeUndefined();
    expect(simulator.media.downloads(mediaId)).toBe(1);
  });

  it('a file that keeps failing is given up after five attempts, with the error on the entry', async () => {
    const { cookie, conversationId, messageId } = await whatsappPhoto(PNG, { failFirst: 100 });
    const media = worker();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await media.drain();
      now += mediaRetryDelayMs(attempt);
    }
    const [entry] = await entries(cookie, conversationId, messageId);
    expect(entry?.attachmentId).toBeUndefined();
    expect(entry?.downloadError).toBe('Not downloaded after 5 attempts: the platform answered HTTP 500');
    await media.drain();
    expect(await storedCount(messageId)).toBe(0);
  });

  it('two workers at once, and a second run, store one copy from one download', async () => {
    const { cookie, conversationId, messageId, mediaId } = await messengerPhoto(PNG);
    await Promise.all([worker().drain(), worker().drain()]);
    await worker().drain();
    expect(await storedCount(messageId)).toBe(1);
    expect(simulator.media.downloads(mediaId)).toBe(1);
    const [entry] = await entries(cookie, conversationId, messageId);
    expect(entry?.attachmentId).toBeDefined();
  });
  it('a running worker that has caught up still finds a photo sent afterwards', async () => {
    const running = worker();
    await running.drain(); // everything so far: it now looks only at newer messages
    const { cookie, conversationId, messageId } = await messengerPhoto(PNG);
    await running.drain();
    expect(await storedCount(messageId)).toBe(1);
    expect((await entries(cookie, conversationId, messageId))[0]?.attachmentId).toBeDefined();
  });
});
