import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  type CallbackServer,
  drainInbound,
  seedAccount,
  startCallbackServer,
  startTestServer,
  type TestServer,
} from '../../http/testing.ts';
import { metaSignatureHeaders } from '../fixtures/wire-builders.ts';
import { MentionHydrator } from './mention-hydration.ts';

const IG = '17841400000000555';
const SECRET = 'instagram-app-secret-hydration';

describe.each(testEngines())('Instagram mention hydration on %s', (engine) => {
  let server: TestServer;
  let graph: CallbackServer;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine);
    graph = await startCallbackServer((status) =>
      status === 200
        ? JSON.stringify({
            mentioned_comment: {
              text: '@demooutfitters my jacket ripped after a week',
              username: 'hikerjo',
              media: { id: '18000000000000555', permalink: 'https://www.instagram.com/p/abc/' },
            },
            id: IG,
          })
        : JSON.stringify({ error: { code: 100, message: 'Unsupported get request' } }),
    );
  });
  afterAll(async () => {
    await server.close();
    await graph.close();
  });

  it('fetches the mentioned comment’s text and author, once', async () => {
    const { cookie } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'instagram',
        name: 'Instagram',
        settings: { igAccountId: IG, apiBaseUrl: graph.url.replace('/callback', '') },
        secrets: { signingSecret: SECRET, verifyToken: 'v', accessToken: 'ig-token' },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const raw = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: IG,
          time: Math.floor(Date.now() / 1000),
          changes: [
            { field: 'mentions', value: { media_id: '18000000000000555', comment_id: '17900000000000555' } },
          ],
        },
      ],
    });
    await server.app.inject({
      method: 'POST',
      url: `/webhooks/instagram/${channelId}`,
      headers: { ...metaSignatureHeaders(raw, SECRET), 'content-type': 'application/json' },
      payload: raw,
    });
    await drainInbound(server);
    const { ctx } = server.runtime;
    const hydrator = new MentionHydrator({
      db: ctx.db,
      channels: ctx.channels,
      onPublished: () => ctx.hub.announce(),
      fetch: (url, init) => {
        requests.push(String(url));
        return fetch(url, init);
      },
    });
    await hydrator.processBatch();
    expect(requests).toHaveLength(1);
    expect(decodeURIComponent(requests[0]!)).toContain(
      `/${IG}?fields=mentioned_comment.comment_id(17900000000000555){text,username`,
    );
    expect(graph.received[0]?.headers.authorization).toBe('Bearer ig-token');

    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?cases=all',
      headers: { cookie },
    });
    const [conversation] = (list.json() as { items: { id: string }[] }).items;
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation!.id}`,
      headers: { cookie },
    });
    const [mention] = (detail.json() as { messages: { text: string; metadata: Record<string, unknown> }[] })
      .messages;
    expect(mention?.text).toBe('@demooutfitters my jacket ripped after a week');
    expect(mention?.metadata).toMatchObject({
      needsHydration: false,
      username: 'hikerjo',
      permalink: 'https://www.instagram.com/p/abc/',
    });
    await hydrator.processBatch();
    expect(requests).toHaveLength(1); // hydrated once, not again
  });

  it('gives up on a mention Graph refuses, with the error kept', async () => {
    const { cookie } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'instagram',
        name: 'Instagram 2',
        settings: { igAccountId: IG, apiBaseUrl: graph.url.replace('/callback', '') },
        secrets: { signingSecret: SECRET, verifyToken: 'v', accessToken: 'ig-token' },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const raw = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: IG,
          time: Math.floor(Date.now() / 1000),
          changes: [{ field: 'mentions', value: { media_id: '18000000000000666' } }],
        },
      ],
    });
    await server.app.inject({
      method: 'POST',
      url: `/webhooks/instagram/${channelId}`,
      headers: { ...metaSignatureHeaders(raw, SECRET), 'content-type': 'application/json' },
      payload: raw,
    });
    await drainInbound(server);
    graph.script.push(400);
    const { ctx } = server.runtime;
    await new MentionHydrator({
      db: ctx.db,
      channels: ctx.channels,
      onPublished: () => undefined,
    }).processBatch();
    const row = await ctx.db.kysely
      .selectFrom('messages')
      .select(['metadata'])
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
    expect(row.metadata).toMatchObject({ needsHydration: false, hydrationError: 'Graph answered 400' });
  });
});
