// Shared set-up for the routing database tests: an account with agents, a channel, messages in.
import {
  addUser,
  apiMessage,
  createApiChannel,
  drainActivity,
  drainInbound,
  postWebhook,
  seedAccount,
  type TestServer,
} from '../../http/testing.ts';
import { routingSweep } from './runtime.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests; assertions check their shape
type Body = any;

export interface Desk {
  server: TestServer;
  accountId: string;
  admin: string;
  channel: { id: string; secret: string };
  api: (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    cookie?: string,
  ) => Promise<{ status: number; body: Body }>;
  agent: () => Promise<{ userId: string; cookie: string }>;
  online: (userId: string, status?: 'online' | 'away' | 'offline') => Promise<void>;
  capacity: (userId: string, capacity: Record<string, number>) => Promise<void>;
  /** A customer message in, through the webhook, inbound worker and the routing follower. */
  message: (
    authorId: string,
    options?: { text?: string; isPublic?: boolean; at?: Date; channel?: { id: string; secret: string } },
  ) => Promise<void>;
  conversation: (id: string) => Promise<Body>;
  listAll: () => Promise<Body[]>;
  settle: () => Promise<void>;
  sweep: () => ReturnType<ReturnType<typeof routingSweep>['runOnce']>;
  activity: (conversationId: string) => Promise<{ kind: string; data: Record<string, unknown> }[]>;
}

export async function openDesk(server: TestServer, clock: () => Date): Promise<Desk> {
  const { accountId, cookie: admin } = await seedAccount(server);
  const channel = await createApiChannel(server, admin);
  const api: Desk['api'] = async (method, url, payload, cookie = admin) => {
    const res = await server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const settle = async () => {
    await drainInbound(server);
    await drainActivity(server);
  };
  const desk: Desk = {
    server,
    accountId,
    admin,
    channel,
    api,
    agent: async () => {
      const user = await addUser(server, accountId, 'agent');
      return { userId: user.userId, cookie: user.cookie };
    },
    online: async (userId, status = 'online') => {
      const res = await api('PUT', `/routing/agents/${userId}/presence`, { status });
      if (res.status !== 200) throw new Error(`presence: ${res.status} ${JSON.stringify(res.body)}`);
    },
    capacity: async (userId, capacity) => {
      const res = await api('PUT', `/routing/agents/${userId}/capacity`, { capacity });
      if (res.status !== 200) throw new Error(`capacity: ${res.status} ${JSON.stringify(res.body)}`);
    },
    message: async (authorId, options = {}) => {
      const res = await postWebhook(
        server,
        options.channel ?? channel,
        apiMessage({
          authorId,
          ...(options.text ? { text: options.text } : {}),
          ...(options.isPublic !== undefined ? { isPublic: options.isPublic } : {}),
          occurredAt: (options.at ?? clock()).toISOString(),
        }),
      );
      if (res.statusCode !== 200) throw new Error(`webhook: ${res.statusCode}`);
      await settle();
    },
    conversation: async (id) => (await api('GET', `/conversations/${id}`)).body.conversation,
    listAll: async () => (await api('GET', '/conversations?limit=200&cases=all')).body.items,
    settle,
    sweep: async () => {
      const result = await routingSweep(server.runtime.ctx).runOnce();
      await drainActivity(server);
      return result;
    },
    activity: async (conversationId) =>
      (await api('GET', `/conversations/${conversationId}/activity`)).body.activity,
  };
  return desk;
}
