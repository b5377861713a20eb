import { randomBytes } from 'node:crypto';
import type { Provider } from '../channels/index.ts';
import { DEMO_CHANNELS, DEMO_IDS, settingsFor } from './demo-channels.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import type { Simulator } from './simulator.ts';

// `parley simulate` against a Parley in another process: sign in over HTTP and create (or take
// over) channels pointing at the simulator. Secrets are write-only in Parley, so a channel found by
// name gets fresh secrets the simulator then knows.

export interface RemoteParley {
  baseUrl: string;
  cookie: string;
}

export async function signInRemote(baseUrl: string, email: string, password: string): Promise<RemoteParley> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`could not sign in to ${baseUrl} as ${email}: HTTP ${res.status}`);
  return { baseUrl, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

async function call<T>(parley: RemoteParley, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${parley.baseUrl}${path}`, {
    method,
    headers: { cookie: parley.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Create or take over one channel by provider and name; returns it registered with the simulator. */
export async function ensureRemoteChannel(
  parley: RemoteParley,
  simulator: Simulator,
  spec: {
    provider: Provider;
    name: string;
    settings: (channelId: string) => Record<string, unknown>;
    ids?: Partial<SimulatedChannel>;
  },
): Promise<SimulatedChannel> {
  const secrets = {
    signingSecret: randomBytes(24).toString('hex'),
    verifyToken: randomBytes(12).toString('hex'),
    ...(spec.provider === 'api'
      ? {}
      : { accessToken: `sim-${spec.provider}-${randomBytes(12).toString('hex')}` }),
  };
  const { items } = await call<{ items: { id: string; provider: string; name: string }[] }>(
    parley,
    'GET',
    '/api/v1/channels',
  );
  const existing = items.find((c) => c.provider === spec.provider && c.name === spec.name);
  const id =
    existing?.id ??
    (
      await call<{ id: string }>(parley, 'POST', '/api/v1/channels', {
        provider: spec.provider,
        name: spec.name,
        settings: spec.settings(''),
        secrets,
      })
    ).id;
  await call(parley, 'PATCH', `/api/v1/channels/${id}`, { settings: spec.settings(id), secrets });
  const channel: SimulatedChannel = {
    provider: spec.provider,
    channelId: id,
    signingSecret: secrets.signingSecret,
    ...(secrets.accessToken ? { accessToken: secrets.accessToken } : {}),
    parleyUrl: parley.baseUrl,
    ...spec.ids,
  };
  simulator.addChannel(channel);
  return channel;
}

/** The six demo channels on a remote Parley. */
export async function setupRemoteDemoChannels(
  parley: RemoteParley,
  simulator: Simulator,
): Promise<Partial<Record<Provider, SimulatedChannel>>> {
  const result: Partial<Record<Provider, SimulatedChannel>> = {};
  for (const spec of DEMO_CHANNELS) {
    result[spec.provider] = await ensureRemoteChannel(parley, simulator, {
      ...spec,
      settings: (id) => settingsFor(spec.provider, simulator, id || null),
      ids: {
        pageId: DEMO_IDS.pageId,
        igAccountId: DEMO_IDS.igAccountId,
        phoneNumberId: DEMO_IDS.phoneNumberId,
        wabaId: DEMO_IDS.wabaId,
        userId: DEMO_IDS.xUserId,
        handle: DEMO_IDS.xHandle,
      },
    });
  }
  return result;
}
